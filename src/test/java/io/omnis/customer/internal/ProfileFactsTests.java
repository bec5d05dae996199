package io.omnis.customer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.ResolverOffOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile's facts (counts per event type, first and last seen, channel use) are derived
 * from its events (ADR 0035): whatever mix of messages linked at acceptance and through
 * the queue, roll-ups of the facts into the row, merges and splits, a read gives what the
 * events the test sent add up to.
 */
class ProfileFactsTests extends ResolverOffOmnis {

	private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

	private static final String[] EVENTS = { "Product Viewed", "Cart Viewed", "Order Completed", "Signed In",
			"Search" };

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProfileReads reads;

	@Autowired
	FactsRollup rollup;

	@Autowired
	ProfileSplitter splitter;

	@Autowired
	ProfileStore store;

	@Autowired
	io.omnis.tracking.CollectedEvents events;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	/**
	 * Seeded steps: requests of one to five tracks from two devices of one person over
	 * two channels, at random event times (earlier and later than a roll-up's end); the
	 * queue drained or left waiting; roll-ups; the devices merged by a sign-in and later
	 * split apart. After each step each profile's facts are those of the events sent for
	 * it.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 5L, 77L, 20_261_125L })
	void factsAreWhatTheEventsAddUpToThroughRollUpsMergesAndSplits(long seed) {
		Random random = new Random(seed);
		String[] channel = { channel(), channel() };
		String first = "facts-" + UUID.randomUUID();
		String second = "facts-" + UUID.randomUUID();
		String user = "facts-user-" + UUID.randomUUID();
		Expected mine = new Expected();
		Expected theirs = new Expected();
		send(channel[0], first, null, "Product Viewed", START, mine);
		send(channel[1], second, null, "Product Viewed", START.plusSeconds(60), theirs);
		resolveAll();
		String profile = holder("anonymous_id", first);
		String other = holder("anonymous_id", second);
		boolean merged = false;
		boolean split = false;
		for (int step = 0; step < 60; step++) {
			if (step == 20) {
				// She signs in on both devices: one profile
				send(channel[0], first, user, "Signed In", at(random), mine);
				send(channel[1], second, user, "Signed In", at(random), theirs);
				resolveAll();
				merged = true;
			}
			else if (step == 40) {
				String kept = holder("anonymous_id", first);
				other = splitter.split(kept, new Identifier("anonymous_id", second));
				profile = kept;
				split = true;
			}
			int action = random.nextInt(4);
			if (action == 0) {
				rollup.fold(holder("anonymous_id", random.nextBoolean() ? first : second));
			}
			else if (action == 1) {
				resolveAll();
			}
			else {
				List<ObjectNode> batch = new ArrayList<>();
				for (int i = 1 + random.nextInt(5); i > 0; i--) {
					boolean hers = random.nextBoolean();
					batch.add(track(hers ? first : second, null, EVENTS[random.nextInt(EVENTS.length)], at(random)));
					(hers ? mine : theirs).add(channel[random.nextInt(2)], batch.getLast());
				}
				// One request per channel, each message in the channel chosen for it
				for (String c : channel) {
					List<ObjectNode> through = batch.stream()
						.filter(m -> c.equals(m.get("_channel").asString()))
						.map(m -> m.deepCopy().without("_channel"))
						.map(ObjectNode.class::cast)
						.toList();
					if (!through.isEmpty()) {
						assertThat(collection.record(c, through).accepted()).isEqualTo(through.size());
					}
				}
			}
			if (random.nextInt(3) == 0) {
				resolveAll();
				if (merged && !split) {
					assertThat(facts(holder("anonymous_id", first))).as("step %d, merged", step)
						.isEqualTo(mine.plus(theirs).facts(channel));
				}
				else {
					assertThat(facts(profile)).as("step %d, hers", step).isEqualTo(mine.facts(channel));
					assertThat(facts(other)).as("step %d, the other device's", step).isEqualTo(theirs.facts(channel));
				}
			}
		}
		assertThat(merged && split).isTrue();
	}

	/**
	 * A profile whose reads add many events after its roll-up is rolled up in the
	 * background; its facts read the same before and after.
	 */
	@Test
	void aReadThatAddsManyEventsRollsTheProfileUp() {
		String channel = channel();
		String device = "facts-" + UUID.randomUUID();
		Expected expected = new Expected();
		List<ObjectNode> batch = new ArrayList<>();
		for (int i = 0; i <= rollup.foldAfter() + 10; i++) {
			batch.add(track(device, null, EVENTS[i % EVENTS.length], START.plusSeconds(i)));
			expected.add(channel, batch.getLast());
		}
		for (int from = 0; from < batch.size(); from += 500) {
			List<ObjectNode> part = batch.subList(from, Math.min(batch.size(), from + 500))
				.stream()
				.map(m -> (ObjectNode) m.deepCopy().without("_channel"))
				.toList();
			assertThat(collection.record(channel, part).accepted()).isEqualTo(part.size());
		}
		resolveAll();
		String profile = holder("anonymous_id", device);
		assertThat(rolledUp(profile)).isFalse();

		Map<String, Object> before = facts(profile);
		assertThat(before).isEqualTo(expected.facts(new String[] { channel }));
		// The read asked for a roll-up; the scheduled run may take it before this one
		rollup.foldPending();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!rolledUp(profile) && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(rolledUp(profile)).as("rolled up at the read's request").isTrue();
		assertThat(facts(profile)).isEqualTo(before);
	}

	/**
	 * A node whose clock is behind the one that rolled a profile up last (or a clock set
	 * back) does not move the roll-up's end back: the events between the two ends would
	 * count twice.
	 */
	@Test
	void aClockBehindNeverMovesTheRollUpBack() {
		String channel = channel();
		String device = "facts-" + UUID.randomUUID();
		Expected expected = new Expected();
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		// An hour ago: within the day the late clock would move the roll-up's end back
		send(channel, device, null, "Product Viewed", now.minus(Duration.ofHours(1)), expected);
		resolveAll();
		String profile = holder("anonymous_id", device);
		assertThat(rollup.fold(profile)).isTrue();
		// Events after the roll-up's end, then a roll-up by a node a day behind
		send(channel, device, null, "Cart Viewed", now.plusSeconds(5), expected);
		send(channel, device, null, "Cart Viewed", now.plusSeconds(6), expected);
		resolveAll();
		FactsRollup behind = new FactsRollup(store, events, transactions,
				java.time.Clock.fixed(Instant.now().minus(Duration.ofDays(1)), java.time.ZoneOffset.UTC), 1000);
		assertThat(behind.fold(profile)).isTrue();

		assertThat(facts(profile)).isEqualTo(expected.facts(new String[] { channel }));
	}

	private boolean rolledUp(String profile) {
		return jdbc.sql("select facts_until is not null from profile where id = :id")
			.param("id", profile)
			.query(Boolean.class)
			.single();
	}

	/** An event time in November, before the day the tests run on (roll-ups end now). */
	private static Instant at(Random random) {
		return START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 20)));
	}

	/** The facts of a profile as a read gives them, in a comparable form. */
	private Map<String, Object> facts(String profile) {
		Profile read = reads.find(profile).orElseThrow();
		Map<String, Object> facts = new TreeMap<>();
		Map<String, Long> counts = new TreeMap<>();
		read.eventCounts().properties().forEach(count -> counts.put(count.getKey(), count.getValue().asLong()));
		facts.put("counts", counts);
		facts.put("seen", read.firstSeenAt() + "/" + read.lastSeenAt());
		Map<String, String> channels = new TreeMap<>();
		read.channels()
			.forEach(use -> channels.put(use.channelId(),
					use.events() + "@" + use.firstSeenAt() + "/" + use.lastSeenAt()));
		facts.put("channels", channels);
		return facts;
	}

	private void send(String channel, String anonymous, String user, String event, Instant at, Expected into) {
		ObjectNode message = track(anonymous, user, event, at);
		into.add(channel, message);
		assertThat(collection.record(channel, (ObjectNode) message.deepCopy().without("_channel"))).isTrue();
	}

	private String holder(String type, String value) {
		return reads.ownerOf(new Identifier(type, value)).orElseThrow();
	}

	private String channel() {
		return channels.create(ChannelType.WEB, "facts " + UUID.randomUUID(), null, Set.of()).channel().id().value();
	}

	private static ObjectNode track(String anonymous, String user, String event, Instant at) {
		ObjectNode message = JSON.createObjectNode();
		message.put("messageId", UUID.randomUUID().toString());
		message.put("type", "track");
		message.put("event", event);
		message.put("anonymousId", anonymous);
		if (user != null) {
			message.put("userId", user);
		}
		message.put("timestamp", at.toString());
		return message;
	}

	/** The events sent for one device, and what they add up to. */
	private static final class Expected {

		private final List<String[]> events = new ArrayList<>();

		void add(String channel, ObjectNode message) {
			message.put("_channel", channel);
			events.add(new String[] { channel, "track:" + message.get("event").asString(),
					message.get("timestamp").asString() });
		}

		Expected plus(Expected other) {
			Expected both = new Expected();
			both.events.addAll(events);
			both.events.addAll(other.events);
			return both;
		}

		Map<String, Object> facts(String[] channels) {
			Map<String, Long> counts = new TreeMap<>();
			Instant first = null;
			Instant last = null;
			Map<String, String> uses = new TreeMap<>();
			for (String channel : channels) {
				List<Instant> times = events.stream()
					.filter(e -> e[0].equals(channel))
					.map(e -> Instant.parse(e[2]))
					.sorted()
					.toList();
				if (!times.isEmpty()) {
					uses.put(channel, times.size() + "@" + times.getFirst() + "/" + times.getLast());
				}
			}
			for (String[] event : events) {
				counts.merge(event[1], 1L, Long::sum);
				Instant at = Instant.parse(event[2]);
				first = first == null || at.isBefore(first) ? at : first;
				last = last == null || at.isAfter(last) ? at : last;
			}
			Map<String, Object> facts = new TreeMap<>();
			facts.put("counts", counts);
			facts.put("seen", first + "/" + last);
			facts.put("channels", uses);
			return facts;
		}

	}

}
