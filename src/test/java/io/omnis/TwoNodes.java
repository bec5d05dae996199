package io.omnis;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Omnis nodes on one PostgreSQL of their own, as behind a load balancer, for the
 * tests that check what must hold across nodes. Each node has a pool of 10 connections
 * and a random port on 127.0.0.1; arguments, not default properties, so that they win
 * over application.yml.
 */
public final class TwoNodes implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private TwoNodes(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts the database and both nodes with the administrator's password and any
	 * further arguments ({@code --name=value}).
	 */
	public static TwoNodes start(String adminPassword, String... arguments) throws IOException {
		TwoNodes started = new TwoNodes(EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "100")
			.start());
		String url = started.postgres.getJdbcUrl("postgres", "postgres");
		String[] all = Stream.concat(
				Stream.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--server.port=0",
						"--omnis.admin.password=" + adminPassword, "--spring.datasource.hikari.maximum-pool-size=10"),
				Stream.of(arguments))
			.toArray(String[]::new);
		try {
			for (int i = 0; i < 2; i++) {
				started.nodes.add(new SpringApplicationBuilder(OmnisApplication.class).run(all));
			}
		}
		catch (RuntimeException ex) {
			started.close();
			throw ex;
		}
		return started;
	}

	/** Node 0 or 1. */
	public ConfigurableApplicationContext node(int index) {
		return nodes.get(index);
	}

	public List<ConfigurableApplicationContext> nodes() {
		return List.copyOf(nodes);
	}

	public int port(int index) {
		return ((WebServerApplicationContext) nodes.get(index)).getWebServer().getPort();
	}

	/** {@code http://127.0.0.1:<port>} of node 0 or 1. */
	public URI base(int index) {
		return URI.create("http://127.0.0.1:" + port(index));
	}

	@Override
	public void close() throws IOException {
		nodes.forEach(ConfigurableApplicationContext::close);
		postgres.close();
	}

}
