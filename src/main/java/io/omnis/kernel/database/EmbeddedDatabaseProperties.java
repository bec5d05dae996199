package io.omnis.kernel.database;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how Omnis runs its own PostgreSQL when no external database is configured.
 *
 * @param dataDir the folder that keeps the database between restarts
 * @param port the port PostgreSQL listens on (on 127.0.0.1 only); 0 picks a free one
 * @param settings PostgreSQL settings over Omnis's defaults, by name in kebab case
 * ({@code shared-buffers: 1GB} sets {@code shared_buffers})
 */
@ConfigurationProperties("omnis.database.embedded")
public record EmbeddedDatabaseProperties(Path dataDir, int port, Map<String, String> settings) {

	public EmbeddedDatabaseProperties {
		if (dataDir == null) {
			dataDir = Path.of("data", "postgres");
		}
		settings = settings == null ? Map.of() : Map.copyOf(settings);
	}

	/** The settings by their PostgreSQL names. */
	public Map<String, String> serverSettings() {
		Map<String, String> named = new java.util.TreeMap<>();
		settings.forEach((name, value) -> {
			// an empty value (an unset environment variable) keeps Omnis's default
			if (!value.isBlank()) {
				named.put(name.replace('-', '_'), value);
			}
		});
		return named;
	}

}
