package io.omnis.conversation.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets every node shares, in PostgreSQL: one row per key, holding the bucket as
 * its theoretical arrival time (GCRA). Taking a token is one conditional upsert whose
 * {@code WHERE} the database evaluates on the latest row, under its row lock, so two
 * nodes taking at once are counted one after the other: across all nodes, at most
 * {@code burst} calls at once and one more per refill time are accepted. A refused call
 * writes nothing. Keys are stored as their SHA-256.
 */
@Component
class SharedBuckets {

	private static final int SWEEP_BATCH = 10_000;

	private final JdbcClient jdbc;

	SharedBuckets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes a token for the key.
	 * @return 0 when one was taken, otherwise the time until one is there
	 */
	Duration take(String key, int burst, Duration refill) {
		long refillMicros = Math.max(1, refill.toNanos() / 1000);
		Long wait = jdbc
			.sql("""
					with taken as (
					  insert into chat_rate_limit as l (key, tat)
					  values (:key, statement_timestamp() + :refill * interval '1 microsecond')
					  on conflict (key) do update
					     set tat = greatest(l.tat, statement_timestamp()) + :refill * interval '1 microsecond'
					   where greatest(l.tat, statement_timestamp()) + :refill * interval '1 microsecond'
					         <= statement_timestamp() + :window * interval '1 microsecond'
					  returning 0::bigint as wait)
					select wait from taken
					union all
					select greatest(1, ceil(extract(epoch from greatest(l.tat, statement_timestamp()) - statement_timestamp())
					       * 1000000)::bigint + :refill - :window)
					  from chat_rate_limit l where l.key = :key and not exists (select 1 from taken)""")
			.param("key", sha256(key))
			.param("refill", refillMicros)
			.param("window", refillMicros * burst)
			.query(Long.class)
			.optional()
			// Another node made the row after this statement's snapshot: refused, by one
			// refill at most
			.orElse(refillMicros);
		return Duration.ofNanos(wait * 1000);
	}

	/** Deletes full buckets (their time is past): the same as no row. */
	@Scheduled(fixedDelayString = "${omnis.conversation.chat.rate-limit.sweep-interval:PT1M}")
	void sweep() {
		int deleted;
		do {
			deleted = jdbc.sql("""
					delete from chat_rate_limit where key in (
					  select key from chat_rate_limit where tat < statement_timestamp() limit :batch
					  for update skip locked)""").param("batch", SWEEP_BATCH).update();
		}
		while (deleted == SWEEP_BATCH);
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
