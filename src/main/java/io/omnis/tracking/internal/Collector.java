package io.omnis.tracking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.tracking.Collected;
import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.DropReason;
import io.omnis.tracking.EarlyResolution;
import io.omnis.tracking.TrackingProperties;

/**
 * Stores the messages of one collection request: checks each, drops what must be dropped
 * (counted per source and reason), and commits the rest in one statement before the
 * request is answered, so that an accepted message survives a crash.
 */
@Service
public class Collector {

	private final EventLog log;

	private final CollectionCounters counters;

	private final TrackingProperties limits;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Clock clock;

	private final QueuedSignal queued;

	private final SinceFlush acceptedSinceFlush = new SinceFlush();

	private final SinceFlush droppedSinceFlush = new SinceFlush();

	/** How long the per-minute counts are kept. */
	static final Duration MINUTES_KEPT = Duration.ofDays(2);

	private Instant minutesPrunedAt = Instant.EPOCH;

	private final EarlyResolution early;

	Collector(EventLog log, CollectionCounters counters, TrackingProperties limits, JsonMapper json,
			TransactionTemplate transactions, MeterRegistry meters, Clock clock, QueuedSignal queued,
			ObjectProvider<EarlyResolution> early) {
		this.log = log;
		this.early = early.getIfAvailable(() -> (channel, messages) -> EarlyResolution.Plan.NONE);
		this.counters = counters;
		this.queued = queued;
		this.limits = limits;
		this.json = json;
		this.transactions = transactions;
		this.meters = meters;
		this.clock = clock;
	}

	public Collected collect(String channelId, Envelope envelope, @Nullable String endpointType) {
		Instant receivedAt = clock.instant();
		List<Messages.Row> rows = new ArrayList<>(envelope.messages().size());
		Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
		Map<DropReason, String> samples = new EnumMap<>(DropReason.class);
		Set<String> seen = new HashSet<>();
		for (JsonNode node : envelope.messages()) {
			Messages.Outcome outcome = Messages.check(node, endpointType, envelope, receivedAt, limits, json);
			if (outcome instanceof Messages.Row row && seen.add(row.messageId())) {
				rows.add(row);
			}
			else if (outcome instanceof Messages.Drop drop) {
				drops.merge(drop.reason(), 1L, Long::sum);
				samples.put(drop.reason(), drop.sample());
			}
			else {
				drops.merge(DropReason.DUPLICATE, 1L, Long::sum);
			}
		}
		int stored;
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// A caller's transaction (code inside Omnis) must not see a statement fail,
			// nor hold profile locks for as long as it runs: its messages are queued
			stored = store(channelId, rows, EarlyResolution.Plan.NONE, drops, samples, receivedAt, true);
			if (stored > 0) {
				ringAfterCommit();
			}
		}
		else {
			EarlyResolution.Plan plan = rows.isEmpty() ? EarlyResolution.Plan.NONE
					: early.plan(channelId, rows.stream().map(row -> unstored(channelId, row, receivedAt)).toList());
			try {
				stored = storeOrQueue(channelId, rows, plan, drops, samples, receivedAt, false);
			}
			catch (DuplicateKeyException ex) {
				// A message this source sent before (a client's retry): the plain insert
				// rolled back whole; store the batch again, skipping what was sent
				stored = storeOrQueue(channelId, rows, plan, drops, samples, receivedAt, true);
			}
			if (stored > 0) {
				queued.ring();
			}
		}
		int consentOnly = drops.getOrDefault(DropReason.CONSENT_DENIED, 0L).intValue();
		int accepted = stored - consentOnly;
		acceptedSinceFlush.add(channelId, accepted);
		meters.counter("omnis.tracking.accepted", "channel", channelId).increment(accepted);
		drops.forEach((reason, count) -> meters
			.counter("omnis.tracking.dropped", "channel", channelId, "reason", reason.code())
			.increment(count));
		int dropped = drops.values().stream().mapToInt(Long::intValue).sum();
		droppedSinceFlush.add(channelId, dropped);
		return new Collected(accepted, dropped);
	}

	/** A row as early resolution sees it, before it is stored. */
	private static CollectedEvent unstored(String channelId, Messages.Row row, Instant receivedAt) {
		return new CollectedEvent(0, channelId, row.messageId(), row.type(), row.event(), row.userId(),
				row.anonymousId(), row.occurredAt(), receivedAt, row.message(), row.consentOnly(), null, List.of());
	}

	/**
	 * Wakes the resolvers once the caller's transaction commits: before, they could not
	 * see the events (and a rollback takes them away).
	 */
	private void ringAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			// A transaction without synchronization: the poll finds the events
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				queued.ring();
			}
		});
	}

	/**
	 * Stores the rows with early resolution's plan; if linking failed on a lock (a lock
	 * timeout, a deadlock: the transaction rolled back whole), stores them again for the
	 * queue to resolve.
	 */
	private int storeOrQueue(String channelId, List<Messages.Row> rows, EarlyResolution.Plan plan,
			Map<DropReason, Long> drops, Map<DropReason, String> samples, Instant receivedAt, boolean skipSent) {
		try {
			return store(channelId, rows, plan, drops, samples, receivedAt, skipSent);
		}
		catch (PessimisticLockingFailureException ex) {
			if (plan.isEmpty()) {
				throw ex;
			}
			return store(channelId, rows, EarlyResolution.Plan.NONE, drops, samples, receivedAt, skipSent);
		}
	}

	/**
	 * Stores the rows in one transaction and counts what was dropped, duplicates
	 * included.
	 * @return how many rows were inserted
	 */
	private int store(String channelId, List<Messages.Row> rows, EarlyResolution.Plan plan, Map<DropReason, Long> drops,
			Map<DropReason, String> samples, Instant receivedAt, boolean skipSent) {
		Integer stored = transactions.execute(status -> {
			Set<String> inserted;
			if (plan.isEmpty()) {
				inserted = log.insert(channelId, rows, receivedAt, skipSent);
			}
			else {
				Map<String, Long> seqs = log.insertUnqueued(channelId, rows, receivedAt, skipSent);
				log.linkOrQueue(rows, seqs, plan.confirm(seqs), receivedAt);
				inserted = seqs.keySet();
			}
			long duplicates = rows.size() - inserted.size();
			if (duplicates > 0) {
				drops.merge(DropReason.DUPLICATE, duplicates, Long::sum);
			}
			// A consent-only row that was a duplicate is counted once, as a duplicate
			long consentOnly = rows.stream()
				.filter(row -> row.consentOnly() && inserted.contains(row.messageId()))
				.count();
			if (consentOnly > 0) {
				drops.merge(DropReason.CONSENT_DENIED, consentOnly, Long::sum);
			}
			if (!drops.isEmpty()) {
				counters.countDrops(channelId, drops, samples, receivedAt);
			}
			return inserted.size();
		});
		return stored == null ? 0 : stored;
	}

	/**
	 * Writes the per-source counts every few seconds rather than on every request, so
	 * that busy sources do not all queue on one counter row: the accepted count of the
	 * day (drops are counted by reason with the request), and what was accepted and
	 * dropped in the current minute; once an hour, deletes the minutes older than
	 * {@link #MINUTES_KEPT}.
	 */
	@Scheduled(fixedDelay = 5000)
	void flushCounters() {
		Instant now = clock.instant();
		LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
		Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
		Set<String> sources = new HashSet<>(acceptedSinceFlush.sources());
		sources.addAll(droppedSinceFlush.sources());
		for (String channel : sources) {
			long accepted = acceptedSinceFlush.take(channel);
			long dropped = droppedSinceFlush.take(channel);
			if (accepted > 0) {
				counters.countAccepted(channel, day, accepted, now);
			}
			if (accepted > 0 || dropped > 0) {
				counters.countMinute(channel, minute, accepted, dropped);
			}
		}
		if (Duration.between(minutesPrunedAt, now).compareTo(Duration.ofHours(1)) >= 0) {
			forgetOldMinutes(now);
			minutesPrunedAt = now;
		}
	}

	/**
	 * Deletes the per-minute counts older than {@link #MINUTES_KEPT}.
	 * @return how many source-minutes were deleted
	 */
	int forgetOldMinutes(Instant now) {
		return counters.forgetMinutesBefore(now.truncatedTo(ChronoUnit.MINUTES).minus(MINUTES_KEPT));
	}

}
