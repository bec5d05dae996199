package io.omnis.webhook.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.kernel.Ids;

/**
 * Puts an event in the outbox: the message once, with its exact body, and one delivery
 * for each enabled subscription that wants its type, due at once.
 */
@Component
public class Outbox {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final Clock clock;

	Outbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @return how many deliveries were queued
	 */
	@Transactional
	public int enqueue(String type, Map<String, ?> data) {
		Instant now = clock.instant();
		List<String> subscriptions = jdbc.sql("""
				select id from webhook_subscription
				 where enabled and (:type = any(event_types) or '*' = any(event_types)) order by id""")
			.param("type", type)
			.query(String.class)
			.list();
		if (subscriptions.isEmpty()) {
			return 0;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("timestamp", now.toString());
		body.put("data", data);
		String id = Ids.next("whmsg");
		jdbc.sql("insert into webhook_message (id, event_type, payload, created_at) values (:id, :type, :payload, :at)")
			.param("id", id)
			.param("type", type)
			.param("payload", JSON.writeValueAsString(body))
			.param("at", Timestamp.from(now))
			.update();
		for (String subscription : subscriptions) {
			jdbc.sql(
					"""
							insert into webhook_delivery (id, subscription_id, message_id, status, attempts, next_attempt_at, created_at)
							values (:id, :subscription, :message, 'PENDING', 0, :at, :at)""")
				.param("id", Ids.next("whd"))
				.param("subscription", subscription)
				.param("message", id)
				.param("at", Timestamp.from(now))
				.update();
		}
		return subscriptions.size();
	}

}
