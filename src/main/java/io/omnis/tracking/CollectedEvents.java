package io.omnis.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.omnis.tracking.internal.CollectionCounters;
import io.omnis.tracking.internal.EventLog;
import io.omnis.tracking.internal.ResolutionQueue;
import io.omnis.tracking.internal.QueuedSignal;

/**
 * The collected events as other modules use them: identity resolution claims unresolved
 * batches and assigns them to profiles; the customer timeline reads them back.
 */
@Service
public class CollectedEvents {

	/** How many buckets waiting events are spread over: the most shards there can be. */
	public static final int BUCKETS = 64;

	private final EventLog log;

	private final ResolutionQueue queue;

	private final CollectionCounters counters;

	private final QueuedSignal queued;

	private final MeterRegistry meters;

	CollectedEvents(EventLog log, ResolutionQueue queue, CollectionCounters counters, QueuedSignal queued,
			MeterRegistry meters) {
		this.queue = queue;
		this.meters = meters;
		this.log = log;
		this.counters = counters;
		this.queued = queued;
	}

	/**
	 * How many times this node has committed events to the resolution queue so far: what
	 * {@link #awaitQueued} compares with.
	 */
	public long queuedSoFar() {
		return queued.count();
	}

	/**
	 * Waits until this node commits more events to the resolution queue than {@code seen}
	 * counted, or until the timeout: an idle resolver wakes when this node collects, and
	 * polls for what other nodes collect.
	 * @return whether events were queued
	 */
	public boolean awaitQueued(long seen, Duration timeout) throws InterruptedException {
		return queued.await(seen, timeout);
	}

	/**
	 * Up to {@code limit} unresolved events in acceptance order, taken off the queue of
	 * waiting events; they are back on it if the caller's transaction rolls back.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<CollectedEvent> claimUnresolved(int limit) {
		return queue.claimUnresolved(0, 1, limit);
	}

	/**
	 * Up to {@code limit} unresolved events of one shard in acceptance order: those whose
	 * bucket (a hash of the device's anonymousId, else of the userId, 0 to
	 * {@value #BUCKETS}-1) is {@code shard} modulo {@code shards}, so that one device's
	 * messages stay in one shard and in order.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<CollectedEvent> claimUnresolved(int shard, int shards, int limit) {
		return queue.claimUnresolved(shard, shards, limit);
	}

	/**
	 * Those of these messages that are still unresolved, in acceptance order, taken off
	 * the queue of waiting events in one step (to resolve them out of turn, together);
	 * they are back on it if the caller's transaction rolls back.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<CollectedEvent> claimUnresolved(List<MessageRef> messages) {
		return queue.claimUnresolved(messages.stream().map(MessageRef::channelId).toArray(String[]::new),
				messages.stream().map(MessageRef::messageId).toArray(String[]::new));
	}

	/** A message by the channel it came through and its id there. */
	public record MessageRef(String channelId, String messageId) {
	}

	/** One message of a channel, resolved or not. */
	public Optional<CollectedEvent> find(String channelId, String messageId) {
		return log.find(channelId, messageId);
	}

	/**
	 * Records the profile each event was resolved to, with the identifiers promoted from
	 * it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void assign(List<Assignment> assignments) {
		int n = assignments.size();
		long[] seqs = new long[n];
		String[] profiles = new String[n];
		List<List<String>> identifiers = new ArrayList<>(n);
		Instant[] occurred = new Instant[n];
		for (int i = 0; i < n; i++) {
			occurred[i] = assignments.get(i).occurredAt();
			seqs[i] = assignments.get(i).seq();
			profiles[i] = assignments.get(i).profileId();
			identifiers.add(assignments.get(i).identifiers());
		}
		log.assign(seqs, profiles, identifiers, occurred);
	}

	/**
	 * Deletes an erased customer's events: those resolved to her profiles, and those
	 * still waiting that carry her user or anonymous ids.
	 * @return how many were deleted
	 */
	public int erase(Collection<String> profileIds, Collection<String> userIds, Collection<String> anonymousIds) {
		int erased = log.erase(profileIds, userIds, anonymousIds);
		// The last dropped message kept per source and reason may be one of hers
		List<String> ids = new ArrayList<>(userIds);
		ids.addAll(anonymousIds);
		counters.forgetSamplesNaming(ids);
		return erased;
	}

	/**
	 * Deletes claimed events that resolution refused to keep, and counts them as dropped
	 * for that reason per source, with no sample of the message.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void discard(List<CollectedEvent> discarded, DropReason reason, Instant at) {
		if (discarded.isEmpty()) {
			return;
		}
		log.delete(discarded.stream().mapToLong(CollectedEvent::seq).toArray());
		Map<String, Long> perChannel = discarded.stream()
			.collect(Collectors.groupingBy(CollectedEvent::channelId, Collectors.counting()));
		perChannel.forEach((channel, count) -> counters.countDrops(channel, Map.of(reason, count), Map.of(), at));
		// The metric counts what was dropped for good: after the commit
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				perChannel.forEach((channel, count) -> meters
					.counter("omnis.tracking.dropped", "channel", channel, "reason", reason.code())
					.increment(count));
			}
		});
	}

	/** Moves every event of a profile to another one (a merge). */
	@Transactional(propagation = Propagation.MANDATORY)
	public int reassign(String fromProfile, String toProfile) {
		return log.reassign(fromProfile, toProfile);
	}

	/**
	 * Moves the events of a profile that carried an identifier to another profile (a
	 * split).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int reassignCarrying(String profileId, String identifier, String toProfile) {
		return log.reassignCarrying(profileId, identifier, toProfile);
	}

	/**
	 * The identifiers that, among a profile's events, only ever came together with the
	 * given one: they leave with it when it is split off.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<String> identifiersOnlyWith(String profileId, String identifier) {
		return log.identifiersOnlyWith(profileId, identifier);
	}

	/**
	 * A profile's events in event-time order, at most {@code limit} (to rebuild its
	 * traits).
	 */
	public List<CollectedEvent> ofProfile(String profileId, int limit) {
		return log.ofProfile(profileId, limit);
	}

	/**
	 * What a profile's events add up to (ADR 0035), grouped by channel, type, event name
	 * and whether they only stated consent, in the order each group first occurred: over
	 * the events with an event time after {@code after} (all when null) and up to
	 * {@code until} (no bound when null).
	 */
	public List<Activity> activity(String profileId, @Nullable Instant after, @Nullable Instant until) {
		return log.activity(profileId, after, until);
	}

	/**
	 * A group of a profile's events: how many, and the first and last event time.
	 *
	 * @param event the event name of a {@code track}, else null
	 * @param consentOnly whether these messages only stated consent (not counted as
	 * events)
	 */
	public record Activity(String channelId, String type, @Nullable String event, boolean consentOnly, long events,
			Instant first, Instant last) {
	}

	/**
	 * A page of the events of the given profiles, newest first, before the given
	 * position.
	 */
	public List<CollectedEvent> timeline(Collection<String> profileIds, @Nullable Instant beforeAt, long beforeSeq,
			int limit, @Nullable String channelId, @Nullable String type) {
		return log.page(profileIds, beforeAt, beforeSeq, limit, channelId, type);
	}

	/**
	 * The profiles of the events resolved last, the one whose event happened last first
	 * (a batch of old events, imported late, ranks by when they happened, not by when
	 * they arrived): among the latest {@value EventLog#RECENT_WINDOW} resolved events, so
	 * the read stays short however busy collection is.
	 */
	public List<String> recentProfiles(int limit) {
		return log.recentProfiles(limit);
	}

	public List<CollectedEvent> recent(String channelId, int limit) {
		return log.recent(channelId, limit);
	}

	/** The accepted and dropped counts of a source per day and outcome since a day. */
	public List<Map<String, Object>> counters(String channelId, LocalDate since) {
		return counters.counters(channelId, since);
	}

	/**
	 * A source's accepted and dropped counts per minute from a minute on, oldest first
	 * (minutes with none are absent).
	 */
	public List<MinuteCount> perMinute(String channelId, Instant since) {
		return counters.perMinute(channelId, since);
	}

	/**
	 * Every source's accepted and dropped counts from a minute on, by channel id:
	 * {accepted, dropped}.
	 */
	public Map<String, long[]> sinceMinute(Instant since) {
		return counters.sinceMinute(since);
	}

	/** Every source's accepted and dropped counts of a day (UTC), by channel id. */
	public Map<String, long[]> ofDay(LocalDate day) {
		return counters.ofDay(day);
	}

	/** What a source sent in one minute (its start, UTC). */
	public record MinuteCount(Instant minute, long accepted, long dropped) {
	}

	/**
	 * The profile an event belongs to (none: the event leaves the queue unresolved), the
	 * identifiers ("type:value") promoted from it, and its event time, which the
	 * profile's timeline is ordered by.
	 */
	public record Assignment(long seq, @Nullable String profileId, List<String> identifiers, Instant occurredAt) {
	}

}
