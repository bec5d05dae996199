package io.omnis.webhook.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.kernel.Ids;
import io.omnis.webhook.WebhookProperties;

/**
 * The worker that sends what the outbox holds, on every node. A look claims due
 * deliveries with {@code FOR UPDATE SKIP LOCKED} and pushes their next attempt a lease
 * ahead before it commits, so no other node takes them while they are sent (and a node
 * that dies mid-send only delays them by the lease). Each attempt is recorded with the
 * answer; a 2xx delivers, anything else waits twice as long as the last time, until the
 * event is older than the give-up time.
 */
@Component
public class Deliveries {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final WebhookProperties properties;

	private final Clock clock;

	private final HttpClient http;

	Deliveries(JdbcClient jdbc, TransactionTemplate transactions, WebhookProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	record Claimed(String id, String url, String secret, String messageId, String payload, int attempts,
			Instant createdAt) {
	}

	@Scheduled(fixedDelayString = "${omnis.webhook.poll-interval:1s}", initialDelayString = "3s")
	void scheduled() {
		deliverDue(clock.instant());
	}

	/**
	 * Sends the deliveries due at {@code now}.
	 * @return how many were attempted
	 */
	public int deliverDue(Instant now) {
		List<Claimed> claimed = transactions.execute(status -> {
			List<Claimed> due = jdbc.sql("""
					select d.id, s.url, s.secret, d.message_id, m.payload, d.attempts, m.created_at
					  from webhook_delivery d
					  join webhook_subscription s on s.id = d.subscription_id
					  join webhook_message m on m.id = d.message_id
					 where d.status = 'PENDING' and d.next_attempt_at <= :now
					 order by d.next_attempt_at limit :batch
					   for update of d skip locked""")
				.param("now", Timestamp.from(now))
				.param("batch", properties.batch())
				.query((rs, row) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant()))
				.list();
			for (Claimed delivery : due) {
				jdbc.sql("update webhook_delivery set next_attempt_at = :lease where id = :id")
					.param("lease", Timestamp.from(now.plus(properties.lease())))
					.param("id", delivery.id())
					.update();
			}
			return due;
		});
		if (claimed == null) {
			return 0;
		}
		claimed.forEach(this::attempt);
		return claimed.size();
	}

	private void attempt(Claimed delivery) {
		Instant started = clock.instant();
		long timestamp = started.getEpochSecond();
		Integer status = null;
		String answer = null;
		String error = null;
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
				.timeout(properties.timeout())
				.header("Content-Type", "application/json")
				.header("User-Agent", "Omnis-Webhooks/1")
				.header("webhook-id", delivery.messageId())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature",
						Signature.sign(delivery.secret(), delivery.messageId(), timestamp, delivery.payload()))
				.POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			status = response.statusCode();
			answer = truncate(response.body());
		}
		catch (IOException | IllegalArgumentException ex) {
			error = truncate(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		record(delivery, started, status, answer, error);
	}

	private void record(Claimed delivery, Instant started, @Nullable Integer status, @Nullable String answer,
			@Nullable String error) {
		Instant finished = clock.instant();
		boolean delivered = status != null && status >= 200 && status < 300;
		// Counted by the row itself: an attempt whose lease ran out may be made again by
		// another claim while it is still being recorded, and both count
		int attempts = delivery.attempts() + 1;
		boolean giveUp = !delivered && finished.isAfter(delivery.createdAt().plus(properties.giveUpAfter()));
		transactions.executeWithoutResult(tx -> {
			jdbc.sql(
					"""
							insert into webhook_attempt (id, delivery_id, attempted_at, status_code, response, error, duration_ms)
							values (:id, :delivery, :at, :status, :response, :error, :duration)""")
				.param("id", Ids.next("wha"))
				.param("delivery", delivery.id())
				.param("at", Timestamp.from(started))
				.param("status", status)
				.param("response", answer)
				.param("error", error)
				.param("duration", Duration.between(started, finished).toMillis())
				.update();
			jdbc.sql("""
					update webhook_delivery
					   set attempts = attempts + 1, last_attempt_at = :at, status = :status,
					       delivered_at = case when :delivered then cast(:at as timestamptz) end,
					       next_attempt_at = :next
					 where id = :id""")
				.param("at", Timestamp.from(started))
				.param("status", delivered ? "DELIVERED" : giveUp ? "FAILED" : "PENDING")
				.param("delivered", delivered)
				.param("next", Timestamp.from(finished.plus(properties.backoff(attempts))))
				.param("id", delivery.id())
				.update();
		});
	}

	private static @Nullable String truncate(@Nullable String text) {
		return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
	}

}
