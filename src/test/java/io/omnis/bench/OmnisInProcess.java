package io.omnis.bench;

import java.net.URI;
import java.util.Optional;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.omnis.OmnisApplication;

/**
 * Omnis started inside the suite's own JVM, from the compiled classes: for the CI smoke,
 * which runs before the jar is packaged. Its CPU time counts as the client's, so it says
 * nothing about client saturation.
 */
final class OmnisInProcess implements Omnis {

	private final ConfigurableApplicationContext context;

	private OmnisInProcess(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static Launcher fromClasses() {
		return (jdbcUrl, adminPassword,
				log) -> new OmnisInProcess(new SpringApplicationBuilder(OmnisApplication.class).run(
						"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
						"--spring.datasource.password=", "--server.port=0", "--server.address=127.0.0.1",
						"--omnis.admin.password=" + adminPassword, "--logging.level.root=WARN",
						"--spring.main.banner-mode=off"));
	}

	@Override
	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
	}

	@Override
	public Optional<ProcessHandle> process() {
		return Optional.empty();
	}

	@Override
	public String launch() {
		return "in-process (" + OmnisApplication.class.getName() + " from the compiled classes)";
	}

	@Override
	public void close() {
		context.close();
	}

}
