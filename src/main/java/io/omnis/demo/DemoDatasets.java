package io.omnis.demo;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The parts of the demo loaded into this database, each once. */
final class DemoDatasets {

	private DemoDatasets() {
	}

	/**
	 * Whether this caller is the first to load {@code name} (then it is marked loaded).
	 */
	static boolean claim(JdbcClient jdbc, String name) {
		return jdbc.sql("insert into demo_dataset (name, loaded_at) values (:name, now()) on conflict do nothing")
			.param("name", name)
			.update() == 1;
	}

}
