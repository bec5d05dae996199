package io.omnis.kernel.database;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL runs with Omnis's settings for short reads from cached pages,
 * and any setting can be given over them.
 */
class EmbeddedPostgresSettingsTests extends RunningOmnis {

	@Test
	void theEmbeddedPostgresPlansForCachedPagesWithoutJit() {
		assertThat(show("random_page_cost")).isEqualTo("1.1");
		assertThat(show("effective_cache_size")).isEqualTo("4GB");
		assertThat(show("jit")).isEqualTo("off");
		long megabytes = jdbc.sql("select setting::bigint * 8 / 1024 from pg_settings where name = 'shared_buffers'")
			.query(Long.class)
			.single();
		long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getTotalMemorySize();
		assertThat(megabytes + "MB").as("a quarter of this machine's memory, within bounds")
			.isEqualTo(EmbeddedPostgresServer.defaultSharedBuffers(memory));
	}

	@Test
	void sharedBuffersAreAQuarterOfTheMemoryWithinBounds() {
		long gib = 1024L * 1024 * 1024;
		assertThat(EmbeddedPostgresServer.defaultSharedBuffers(24 * gib)).isEqualTo("6144MB");
		assertThat(EmbeddedPostgresServer.defaultSharedBuffers(gib / 4)).isEqualTo("128MB");
		assertThat(EmbeddedPostgresServer.defaultSharedBuffers(256 * gib)).isEqualTo("8192MB");
	}

	@Test
	void settingsAreNamedInKebabCaseAndGivenToPostgresInItsOwnNames() {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(Path.of("x"), 0,
				Map.of("shared-buffers", "1GB", "random-page-cost", "2", "work_mem", "8MB"));

		assertThat(properties.serverSettings()).containsExactlyInAnyOrderEntriesOf(
				Map.of("shared_buffers", "1GB", "random_page_cost", "2", "work_mem", "8MB"));
		assertThat(new EmbeddedDatabaseProperties(null, 0, null).serverSettings()).isEmpty();
		assertThat(new EmbeddedDatabaseProperties(null, 0, Map.of("shared-buffers", "")).serverSettings())
			.as("an unset OMNIS_DB_SHARED_BUFFERS keeps Omnis's default")
			.isEmpty();
	}

	private String show(String setting) {
		return jdbc.sql("select current_setting(:name)").param("name", setting).query(String.class).single();
	}

}
