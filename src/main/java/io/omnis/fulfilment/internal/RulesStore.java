package io.omnis.fulfilment.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.fulfilment.RoutingRules;

/**
 * The routing_rules row an operator wrote, if any.
 */
@Repository
public class RulesStore {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	RulesStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<RoutingRules> find() {
		return jdbc.sql("select rules::text from routing_rules where id = 1")
			.query((rs, row) -> JSON.readValue(rs.getString(1), RoutingRules.class))
			.optional();
	}

	public void save(RoutingRules rules, Instant now) {
		jdbc.sql("""
				insert into routing_rules (id, rules, updated_at) values (1, cast(:rules as jsonb), :now)
				on conflict (id) do update set rules = excluded.rules, updated_at = excluded.updated_at""")
			.param("rules", JSON.writeValueAsString(rules))
			.param("now", Timestamp.from(now))
			.update();
		RoutingVersion.bump(jdbc);
	}

}
