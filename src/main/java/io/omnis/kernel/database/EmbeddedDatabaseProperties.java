package io.omnis.kernel.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how Omnis runs its own PostgreSQL when no external database is configured.
 *
 * @param dataDir the folder that keeps the database between restarts
 * @param port the port PostgreSQL listens on (on 127.0.0.1 only); 0 picks a free one
 */
@ConfigurationProperties("omnis.database.embedded")
public record EmbeddedDatabaseProperties(Path dataDir, int port) {

	public EmbeddedDatabaseProperties {
		if (dataDir == null) {
			dataDir = Path.of("data", "postgres");
		}
	}

}
