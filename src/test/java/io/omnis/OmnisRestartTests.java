package io.omnis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Omnis stopped and started again on the same data folder, as an operator would.
 */
class OmnisRestartTests {

	private static final Path DATA = Path.of("target", "test-postgres-restart");

	@Test
	void aChannelCreatedBeforeARestartIsThereAfterIt() throws IOException {
		Path dataDir = fresh("restart");
		ChannelId id;
		try (ConfigurableApplicationContext omnis = start(dataDir)) {
			id = omnis.getBean(Channels.class)
				.create(ChannelType.STORE, "Porto Santa Catarina", "Rua de Santa Catarina 300",
						Set.of(Permission.CHANNELS_READ))
				.channel()
				.id();
		}

		try (ConfigurableApplicationContext omnis = start(dataDir)) {
			Channel channel = omnis.getBean(Channels.class).get(id);

			assertThat(channel.name()).isEqualTo("Porto Santa Catarina");
			assertThat(channel.keys()).hasSize(2);
		}
	}

	@Test
	void stoppingOmnisStopsItsPostgres() throws IOException {
		Path dataDir = fresh("stop");
		long postmaster;
		try (ConfigurableApplicationContext omnis = start(dataDir)) {
			postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
			assertThat(ProcessHandle.of(postmaster))
				.hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
		}

		assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
		// pg_ctl returns once the pid file is gone, a moment before the process itself
		ProcessHandle.of(postmaster).ifPresent(process -> process.onExit().orTimeout(10, TimeUnit.SECONDS).join());
		assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(PostgresProcesses.awaitNoneOn(dataDir)).isEmpty();
	}

	static ConfigurableApplicationContext start(Path dataDir) {
		// Arguments, as an operator would pass them: unlike default properties, they
		// override application.yml
		return new SpringApplicationBuilder(OmnisApplication.class).run("--server.port=0",
				"--omnis.database.embedded.data-dir=" + dataDir,
				"--omnis.admin.password=" + RunningOmnis.ADMIN_PASSWORD);
	}

	private static Path fresh(String name) throws IOException {
		RunningOmnis.forgetStoppedDatabases(DATA);
		return DATA.resolve(name + "-" + System.nanoTime());
	}

}
