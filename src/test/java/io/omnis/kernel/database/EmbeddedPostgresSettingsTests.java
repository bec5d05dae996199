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
		assertThat(show("shared_buffers")).as("application.yml's default").isEqualTo("256MB");
	}

	@Test
	void settingsAreNamedInKebabCaseAndGivenToPostgresInItsOwnNames() {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(Path.of("x"), 0,
				Map.of("shared-buffers", "1GB", "random-page-cost", "2", "work_mem", "8MB"));

		assertThat(properties.serverSettings()).containsExactlyInAnyOrderEntriesOf(
				Map.of("shared_buffers", "1GB", "random_page_cost", "2", "work_mem", "8MB"));
		assertThat(new EmbeddedDatabaseProperties(null, 0, null).serverSettings()).isEmpty();
	}

	private String show(String setting) {
		return jdbc.sql("select current_setting(:name)").param("name", setting).query(String.class).single();
	}

}
