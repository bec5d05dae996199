package io.omnis.fulfilment.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The counter of changes to the routing rules and the locations' routing settings, bumped
 * in the transaction that changes them, so that every node's cached copy is checked
 * against the database and never against its own memory.
 */
final class RoutingVersion {

	private RoutingVersion() {
	}

	static void bump(JdbcClient jdbc) {
		jdbc.sql("update routing_version set version = version + 1 where id = 1").update();
	}

}
