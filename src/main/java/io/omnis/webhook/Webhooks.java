package io.omnis.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.webhook.internal.Signature;

/**
 * Webhook subscriptions and what was delivered to them.
 */
@Service
@Transactional
public class Webhooks {

	/** The event types a subscription may ask for; {@code *} is every one. */
	public static final Set<String> EVENT_TYPES = Set.of("conversation.opened", "conversation.reopened",
			"conversation.assigned", "conversation.prioritised", "conversation.resolved", "conversation.handed_over",
			"conversation.sla_at_risk", "conversation.sla_breached", "conversation.survey_answered", "message.received",
			"message.sent");

	private final JdbcClient jdbc;

	private final Clock clock;

	Webhooks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record Input(@Nullable String url, @Nullable List<String> eventTypes, @Nullable String secret,
			@Nullable String description, @Nullable Boolean enabled) {
	}

	/** A delivery of one event to one subscription, with its attempts, oldest first. */
	public record Delivery(String id, String messageId, String eventType, String status, int attempts,
			@Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt, Instant createdAt, List<Attempt> tries) {
	}

	public record Attempt(Instant attemptedAt, @Nullable Integer statusCode, @Nullable String response,
			@Nullable String error, long durationMs) {
	}

	public Subscription create(Input input) {
		String url = url(input.url());
		List<String> types = types(input.eventTypes());
		String secret = input.secret() == null ? Signature.newSecret() : secret(input.secret());
		String description = description(input.description());
		String id = Ids.next(Subscription.PREFIX);
		Instant now = clock.instant();
		jdbc.sql(
				"""
						insert into webhook_subscription (id, url, event_types, secret, description, enabled, created_at, updated_at)
						values (:id, :url, :types, :secret, :description, :enabled, :at, :at)""")
			.param("id", id)
			.param("url", url)
			.param("types", types.toArray(String[]::new))
			.param("secret", secret)
			.param("description", description)
			.param("enabled", input.enabled() == null || input.enabled())
			.param("at", Timestamp.from(now))
			.update();
		return get(id);
	}

	/** Changes what is given; the secret stays unless a new one is given. */
	public Subscription update(String id, Input input) {
		Subscription current = get(id);
		jdbc.sql("""
				update webhook_subscription set url = :url, event_types = :types, secret = :secret,
				       description = :description, enabled = :enabled, updated_at = :at where id = :id""")
			.param("id", id)
			.param("url", input.url() == null ? current.url() : url(input.url()))
			.param("types",
					(input.eventTypes() == null ? current.eventTypes() : types(input.eventTypes()))
						.toArray(String[]::new))
			.param("secret", input.secret() == null ? current.secret() : secret(input.secret()))
			.param("description",
					input.description() == null ? current.description() : description(input.description()))
			.param("enabled", input.enabled() == null ? current.enabled() : input.enabled())
			.param("at", Timestamp.from(clock.instant()))
			.update();
		return get(id);
	}

	public void delete(String id) {
		get(id);
		jdbc.sql("delete from webhook_subscription where id = :id").param("id", id).update();
	}

	@Transactional(readOnly = true)
	public Subscription get(String id) {
		return jdbc.sql("select * from webhook_subscription where id = :id")
			.param("id", id)
			.query(Webhooks::subscription)
			.optional()
			.orElseThrow(() -> new NotFoundException("webhook", id));
	}

	@Transactional(readOnly = true)
	public List<Subscription> all() {
		return jdbc.sql("select * from webhook_subscription order by id limit 500")
			.query(Webhooks::subscription)
			.list();
	}

	/** The latest deliveries to a subscription, newest first, each with its attempts. */
	@Transactional(readOnly = true)
	public List<Delivery> deliveries(String id, int limit) {
		get(id);
		List<Delivery> deliveries = jdbc.sql("""
				select d.*, m.event_type from webhook_delivery d join webhook_message m on m.id = d.message_id
				 where d.subscription_id = :id order by d.id desc limit :limit""")
			.param("id", id)
			.param("limit", Math.max(1, Math.min(limit, 200)))
			.query((rs, row) -> new Delivery(rs.getString("id"), rs.getString("message_id"), rs.getString("event_type"),
					rs.getString("status"), rs.getInt("attempts"),
					"PENDING".equals(rs.getString("status")) ? instant(rs, "next_attempt_at") : null,
					instant(rs, "delivered_at"), rs.getTimestamp("created_at").toInstant(), List.of()))
			.list();
		return deliveries.stream()
			.map(d -> new Delivery(d.id(), d.messageId(), d.eventType(), d.status(), d.attempts(), d.nextAttemptAt(),
					d.deliveredAt(), d.createdAt(), attempts(d.id())))
			.toList();
	}

	private List<Attempt> attempts(String deliveryId) {
		return jdbc.sql("select * from webhook_attempt where delivery_id = :id order by id")
			.param("id", deliveryId)
			.query((rs, row) -> new Attempt(rs.getTimestamp("attempted_at").toInstant(),
					(Integer) rs.getObject("status_code"), rs.getString("response"), rs.getString("error"),
					rs.getLong("duration_ms")))
			.list();
	}

	private static String url(@Nullable String url) {
		if (url == null || url.length() > 2000) {
			throw ProblemException.invalidField("url", "is required, at most 2000 characters");
		}
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
					|| uri.getUserInfo() != null) {
				throw ProblemException.invalidField("url", "must be an absolute http or https URL without credentials");
			}
			return url;
		}
		catch (URISyntaxException ex) {
			throw ProblemException.invalidField("url", "is not a valid URL");
		}
	}

	private static List<String> types(@Nullable List<String> types) {
		if (types == null || types.isEmpty()) {
			throw ProblemException.invalidField("eventTypes", "must name at least one event type, or \"*\"");
		}
		Set<String> checked = new LinkedHashSet<>();
		for (String type : types) {
			if (type == null || !(type.equals("*") || EVENT_TYPES.contains(type))) {
				throw ProblemException.invalidField("eventTypes", "'" + type + "' is not one of "
						+ String.join(", ", EVENT_TYPES.stream().sorted().toList()) + " or *");
			}
			checked.add(type);
		}
		return List.copyOf(checked);
	}

	private static String secret(String secret) {
		if (!Signature.isSecret(secret)) {
			throw ProblemException.invalidField("secret", "must be whsec_ followed by the base64 of 24 to 64 bytes");
		}
		return secret;
	}

	private static @Nullable String description(@Nullable String description) {
		if (description != null && description.length() > 500) {
			throw ProblemException.invalidField("description", "must be at most 500 characters");
		}
		return description;
	}

	static Subscription subscription(ResultSet rs, int row) throws SQLException {
		return new Subscription(rs.getString("id"), rs.getString("url"),
				Arrays.asList((String[]) rs.getArray("event_types").getArray()), rs.getString("secret"),
				rs.getString("description"), rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	@SuppressWarnings("NullAway")
	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
