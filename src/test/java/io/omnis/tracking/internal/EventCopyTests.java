package io.omnis.tracking.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.CollectingOmnis;
import io.omnis.Http;
import io.omnis.tracking.CollectedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request's events go into the log by binary COPY (ADR 0036): every field must read
 * back as the statement with parameters wrote it, the seqs must come from the one
 * sequence other inserts draw from, and a message already sent must fail the whole COPY
 * as a duplicate key, for the collector to store the batch again skipping it.
 */
class EventCopyTests extends CollectingOmnis {

	@Autowired
	EventLog log;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void everyFieldReadsBackAsWritten() {
		Source source = source("copy-fields");
		Instant received = Instant.parse("2026-11-25T14:00:00.250Z");
		// Sub-microsecond digits are rounded half up, as the driver rounds a parameter
		Instant occurred = Instant.parse("2026-11-25T13:59:58.123456789Z");
		String odd = "Añadido \"à\" cesta\t\\ \n 🛒 ✓";
		Messages.Row track = row(unique("m"), "track", odd, "user-" + unique("u"), null, occurred, false);
		Messages.Row identify = row(unique("m"), "identify", null, null, unique("anon"), Instant.EPOCH, true);

		Map<String, Long> seqs = transactions
			.execute(status -> log.insertUnqueued(source.channelId(), List.of(track, identify), received, false));

		CollectedEvent first = log.find(source.channelId(), track.messageId()).orElseThrow();
		assertThat(first.seq()).isEqualTo(seqs.get(track.messageId()));
		assertThat(first.type()).isEqualTo("track");
		assertThat(first.event()).isEqualTo(odd);
		assertThat(first.userId()).isEqualTo(track.userId());
		assertThat(first.anonymousId()).isNull();
		assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-11-25T13:59:58.123457Z"));
		assertThat(first.receivedAt()).isEqualTo(received);
		assertThat(first.payload().get("event").stringValue()).isEqualTo(odd);
		assertThat(first.consentOnly()).isFalse();
		CollectedEvent second = log.find(source.channelId(), identify.messageId()).orElseThrow();
		assertThat(second.seq()).isEqualTo(seqs.get(identify.messageId())).isNotEqualTo(first.seq());
		assertThat(second.event()).isNull();
		assertThat(second.userId()).isNull();
		assertThat(second.anonymousId()).isEqualTo(identify.anonymousId());
		assertThat(second.occurredAt()).isEqualTo(Instant.EPOCH);
		assertThat(second.consentOnly()).isTrue();
	}

	@Test
	void copiedAndInsertedEventsDrawTheirSeqsFromTheSameSequence() {
		Source source = source("copy-seqs");
		Instant now = Instant.now();
		Messages.Row copied = row(unique("m"), "track", "Viewed", unique("u"), null, now, false);
		Messages.Row inserted = row(unique("m"), "track", "Viewed", unique("u"), null, now, false);
		Messages.Row copiedAfter = row(unique("m"), "track", "Viewed", unique("u"), null, now, false);

		long first = transactions.execute(
				status -> log.insertUnqueued(source.channelId(), List.of(copied), now, false).get(copied.messageId()));
		// Skipping what was sent takes the insert, whose seq is the column's default
		transactions.execute(status -> log.insert(source.channelId(), List.of(inserted), now, true));
		long second = log.find(source.channelId(), inserted.messageId()).orElseThrow().seq();
		long third = transactions
			.execute(status -> log.insertUnqueued(source.channelId(), List.of(copiedAfter), now, false)
				.get(copiedAfter.messageId()));

		assertThat(first).isLessThan(second);
		assertThat(second).isLessThan(third);
	}

	@Test
	void aMessageSentBeforeFailsTheWholeCopyAndStoresNothing() {
		Source source = source("copy-duplicate");
		Instant now = Instant.now();
		Messages.Row sent = row(unique("m"), "track", "Viewed", unique("u"), null, now, false);
		Messages.Row fresh = row(unique("m"), "track", "Viewed", unique("u"), null, now, false);
		transactions.execute(status -> log.insert(source.channelId(), List.of(sent), now, false));

		assertThatThrownBy(
				() -> transactions.execute(status -> log.insert(source.channelId(), List.of(fresh, sent), now, false)))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(log.find(source.channelId(), fresh.messageId())).isEmpty();

		Set<String> stored = transactions
			.execute(status -> log.insert(source.channelId(), List.of(fresh, sent), now, true));
		assertThat(stored).containsExactly(fresh.messageId());
	}

	private static Messages.Row row(String messageId, String type, @Nullable String event, @Nullable String userId,
			@Nullable String anonymousId, Instant occurredAt, boolean consentOnly) {
		ObjectNode message = Http.JSON.createObjectNode().put("messageId", messageId).put("type", type);
		if (event != null) {
			message.put("event", event);
		}
		return new Messages.Row(messageId, type, event, userId, anonymousId, occurredAt, message.toString(),
				consentOnly, message);
	}

}
