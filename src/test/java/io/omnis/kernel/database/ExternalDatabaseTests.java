package io.omnis.kernel.database;

import java.nio.file.Path;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.OmnisApplication;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Omnis on a PostgreSQL it did not start, as configured with {@code OMNIS_DATABASE_URL}.
 */
class ExternalDatabaseTests {

	@Test
	void givenADatabaseUrlOmnisUsesThatDatabaseAndStartsNoneOfItsOwn() throws Exception {
		Path unusedDataDir = Path.of("target", "test-postgres-external", "never-" + System.nanoTime());
		try (EmbeddedPostgres external = EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1")
			.start()) {
			String url = "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/postgres";
			ChannelId id;
			try (ConfigurableApplicationContext omnis = new SpringApplicationBuilder(OmnisApplication.class).run(
					"--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=unused", "--omnis.database.embedded.data-dir=" + unusedDataDir,
					"--omnis.admin.password=" + RunningOmnis.ADMIN_PASSWORD)) {
				assertThat(omnis.getBeansOfType(EmbeddedPostgresServer.class)).isEmpty();
				id = omnis.getBean(Channels.class)
					.create(ChannelType.WEB, "Lumen web shop", null, Set.of(Permission.CHANNELS_READ))
					.channel()
					.id();
			}

			JdbcClient database = JdbcClient.create(external.getPostgresDatabase());
			assertThat(database.sql("select to_regclass('flyway_schema_history') is not null")
				.query(Boolean.class)
				.single()).isTrue();
			assertThat(database.sql("select name from channel where id = :id")
				.param("id", id.value())
				.query(String.class)
				.single()).isEqualTo("Lumen web shop");
			assertThat(database.sql("select count(*) from staff_member where username = 'admin'")
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(unusedDataDir).doesNotExist();
		}
	}

}
