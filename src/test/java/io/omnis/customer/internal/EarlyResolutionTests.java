package io.omnis.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Resolution at acceptance (ADR 0034): a message that only adds to a profile the node
 * knows is linked as it is accepted, with the profile's counts, channels and times as the
 * queue would have left them; when what the node knew no longer holds (the profile merged
 * away, split or erased) the message goes through the queue instead, and nothing lands on
 * a profile that is not live. The background workers are off: the test drives every
 * resolution batch, so it knows exactly what the node has learnt.
 */
class EarlyResolutionTests extends ResolverOffOmnis {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OwnerCache cache;

	@Autowired
	ProfileReads reads;

	@Autowired
	FactsRollup rollup;

	@Autowired
	ProfileSplitter splitter;

	@Autowired
	ProfileEraser eraser;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Test
	void aKnownCustomersTrackIsLinkedAndCountedAsItIsAccepted() {
		String channel = channel();
		String anonymous = unique("anon");
		String profile = knownCustomer(channel, anonymous);
		assertThat(cache.owner(identifier("anonymous_id", anonymous))).isNotNull();
		double atAcceptance = linkedAt("acceptance");
		double throughTheQueue = linkedAt("queue");

		String second = record(channel, track(anonymous, null, "Cart Viewed", "2026-11-21T09:00:00Z"));
		String third = record(channel, track(anonymous, null, "Cart Viewed", "2026-11-19T08:00:00Z"));

		// No resolution ran: both are on the profile already, and not in the queue
		assertThat(linkedTo(channel, second)).isEqualTo(profile);
		assertThat(linkedTo(channel, third)).isEqualTo(profile);
		assertThat(waiting(channel)).isZero();
		assertThat(linkedAt("acceptance") - atAcceptance).isEqualTo(2);
		assertThat(linkedAt("queue")).isEqualTo(throughTheQueue);
		Profile read = reads.find(profile).orElseThrow();
		assertThat(counts(read)).isEqualTo(Map.of("track:Product Viewed", 1L, "track:Cart Viewed", 2L));
		assertThat(read.firstSeenAt()).isEqualTo(Instant.parse("2026-11-19T08:00:00Z"));
		assertThat(read.lastSeenAt()).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
		assertThat(read.channels()).containsExactly(new Profile.ChannelUse(channel,
				Instant.parse("2026-11-19T08:00:00Z"), Instant.parse("2026-11-21T09:00:00Z"), 3));
		assertThat(jdbc
			.sql("select identifiers from event_profile p join tracked_event e on e.seq = p.seq "
					+ "where e.channel_id = :channel and e.message_id = :message")
			.param("channel", channel)
			.param("message", second)
			.query((rs, n) -> List.of((String[]) rs.getArray(1).getArray()))
			.single()).containsExactly(identifier("anonymous_id", anonymous));
	}

	/**
	 * Event names of every kind (quotes, backslashes, JSON and SQL syntax, control and
	 * non-Latin characters, the longest allowed) are counted under exactly the names the
	 * queue would count them under, and a batch of many known customers is linked whole.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 17L, 20_261_125L })
	void generatedEventNamesAreCountedAsTheQueueCountsThem(long seed) {
		Random random = new Random(seed);
		String channel = channel();
		String prefix = "names" + seed + "-" + UUID.randomUUID() + "-";
		int people = 60;
		List<ObjectNode> first = new ArrayList<>();
		for (int person = 0; person < people; person++) {
			first.add(track(prefix + person, null, "Product Viewed", "2026-11-20T10:00:00Z"));
		}
		assertThat(collection.record(channel, first).accepted()).isEqualTo(people);
		resolveAll();

		String[] pieces = { "\"", "\\", "'", "{", "}", ":", ",", "\u0001", "\n", "é", "中文", "🙂", "$1", "?", " ", "--",
				"%s", "null", "track:", "::jsonb" };
		List<ObjectNode> batch = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			StringBuilder name = new StringBuilder();
			int length = random.nextInt(8) == 0 ? 200 : 1 + random.nextInt(6);
			while (name.length() < length) {
				name.append(random.nextBoolean() ? pieces[random.nextInt(pieces.length)]
						: (char) ('a' + random.nextInt(26)));
			}
			String event = name.substring(0, Math.min(length, name.length())).strip();
			if (event.isEmpty() || Character.isSurrogate(event.charAt(event.length() - 1))) {
				event = "plain " + i;
			}
			int person = random.nextInt(people);
			batch.add(track(prefix + person, null, event, "2026-11-21T10:00:00Z"));
		}
		assertThat(collection.record(channel, batch).accepted()).isEqualTo(batch.size());
		assertThat(waiting(channel)).as("every one linked as it was accepted").isZero();

		// Each profile counts exactly the events linked to it, under the names stored
		List<String> profiles = jdbc.sql("""
				select distinct l.profile_id from event_profile l join tracked_event e on e.seq = l.seq
				 where e.channel_id = :channel""").param("channel", channel).query(String.class).list();
		assertThat(profiles).hasSize(people);
		for (String profile : profiles) {
			Map<String, Long> linked = new java.util.HashMap<>();
			jdbc.sql("""
					select case when e.event is null then e.type else 'track:' || e.event end as k, count(*) as n
					  from event_profile l join tracked_event e on e.seq = l.seq
					 where l.profile_id = :id group by 1""").param("id", profile).query(rs -> {
				linked.put(rs.getString(1), rs.getLong(2));
			});
			assertThat(counts(reads.find(profile).orElseThrow())).isEqualTo(linked);
		}
		assertThat(jdbc.sql("select count(distinct event) from tracked_event where channel_id = :channel")
			.param("channel", channel)
			.query(Long.class)
			.single()).as("distinct names").isGreaterThan(300);
	}

	/**
	 * A profile counts at most {@link ProfileFacts#MAX_COUNTERS} event types, however
	 * many new ones a request brings at once; the types it already counts go on counting.
	 */
	@Test
	void oneRequestCannotTakeAProfilePastItsCounterCap() {
		String channel = channel();
		String anonymous = unique("anon");
		String profile = knownCustomer(channel, anonymous);

		List<ObjectNode> batch = new ArrayList<>();
		for (int i = 0; i < ProfileFacts.MAX_COUNTERS + 100; i++) {
			batch.add(track(anonymous, null, "Event " + i, "2026-11-20T11:00:00Z"));
		}
		batch.add(track(anonymous, null, "Product Viewed", "2026-11-20T12:00:00Z"));
		assertThat(collection.record(channel, batch).accepted()).isEqualTo(batch.size());
		assertThat(waiting(channel)).isZero();

		Map<String, Long> counts = counts(reads.find(profile).orElseThrow());
		assertThat(counts).hasSize(ProfileFacts.MAX_COUNTERS)
			.containsEntry("track:Product Viewed", 2L)
			.containsEntry("track:Event 0", 1L)
			.containsEntry("track:Event " + (ProfileFacts.MAX_COUNTERS - 2), 1L)
			.doesNotContainKey("track:Event " + (ProfileFacts.MAX_COUNTERS - 1));
	}

	@Test
	void whatChangesTheProfileStillGoesThroughTheQueue() {
		String channel = channel();
		String anonymous = unique("anon");
		knownCustomer(channel, anonymous);

		ObjectNode identify = message(anonymous, null, "2026-11-20T11:00:00Z").put("type", "identify");
		identify.putObject("traits").put("firstName", "Ana");
		String withTraits = record(channel, identify);
		String newIdentifier = record(channel, track(anonymous, unique("user"), "Signed In", "2026-11-20T11:01:00Z"));
		ObjectNode consenting = track(anonymous, null, "Consented", "2026-11-20T11:02:00Z");
		consenting.putObject("context").putObject("consent").putObject("categoryPreferences").put("advertising", true);
		String withConsent = record(channel, consenting);
		String blocked = record(channel, track(anonymous, "null", "Blocked", "2026-11-20T11:03:00Z"));

		for (String message : List.of(withTraits, newIdentifier, withConsent, blocked)) {
			assertThat(linkedTo(channel, message)).as(message).isNull();
		}
		assertThat(waiting(channel)).isEqualTo(4);
		double throughTheQueue = linkedAt("queue");
		resolveAll();
		assertThat(linkedAt("queue") - throughTheQueue).isEqualTo(4);
		assertThat(linkedTo(channel, withTraits)).isEqualTo(profileOf(channel, anonymous, 0));
	}

	/**
	 * A consent manager states the customer's choices on every message: a message that
	 * restates her choices is linked as it is accepted; one that changes a choice goes
	 * through the queue, which records the change in the ledger.
	 */
	@Test
	void restatedConsentIsLinkedAndAChangedChoiceIsQueued() {
		String channel = channel();
		String anonymous = unique("anon");
		record(channel, consenting(track(anonymous, null, "Product Viewed", "2026-11-20T10:00:00Z"), true));
		resolveAll();
		String profile = profileOf(channel, anonymous, 0);

		String restated = record(channel,
				consenting(track(anonymous, null, "Cart Viewed", "2026-11-20T10:01:00Z"), true));
		assertThat(linkedTo(channel, restated)).isEqualTo(profile);

		String changed = record(channel,
				consenting(track(anonymous, null, "Cart Viewed", "2026-11-20T10:02:00Z"), false));
		assertThat(linkedTo(channel, changed)).isNull();
		resolveAll();
		assertThat(linkedTo(channel, changed)).isEqualTo(profile);
		assertThat(jdbc.sql("select consent -> 'advertising' ->> 'granted' from profile where id = :id")
			.param("id", profile)
			.query(String.class)
			.single()).isEqualTo("false");
		assertThat(jdbc
			.sql("""
					select count(*) from consent_entry where profile_id = :id and purpose = 'advertising' and source = 'event'""")
			.param("id", profile)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	private static ObjectNode consenting(ObjectNode message, boolean advertising) {
		message.putObject("context")
			.putObject("consent")
			.putObject("categoryPreferences")
			.put("Advertising", advertising);
		return message;
	}

	/**
	 * A request never waits for a profile another transaction holds (a batch, a split,
	 * another request for the same busy customer): that customer's message goes through
	 * the queue, and the request answers at once.
	 */
	@Test
	void aBusyProfileIsLeftToTheQueueInsteadOfWaitedFor() throws Exception {
		String channel = channel();
		String anonymous = unique("anon");
		String profile = knownCustomer(channel, anonymous);

		java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		String busy;
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			Future<?> holder = threads.submit(() -> transactions.executeWithoutResult(status -> {
				jdbc.sql("select id from profile where id = :id for update").param("id", profile).query().listOfRows();
				held.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			Future<String> recording = threads
				.submit(() -> record(channel, track(anonymous, null, "Cart Viewed", "2026-11-20T10:01:00Z")));
			try {
				// Answered while the profile is still held
				busy = recording.get(10, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(linkedTo(channel, busy)).isNull();
				assertThat(waiting(channel)).isEqualTo(1);
			}
			finally {
				release.countDown();
			}
			holder.get();
		}
		resolveAll();
		assertThat(linkedTo(channel, busy)).isEqualTo(profile);
	}

	@Test
	void aProfileMergedAwayIsNotLinkedToAndTheNodeForgetsIt() {
		String channel = channel();
		String first = unique("anon");
		String second = unique("anon");
		String user = unique("user");
		record(channel, track(first, null, "Product Viewed", "2026-11-20T10:00:00Z"));
		record(channel, track(second, user, "Product Viewed", "2026-11-20T10:01:00Z"));
		resolveAll();
		String one = profileOf(channel, first, 0);
		String other = profileOf(channel, second, 0);
		record(channel, track(first, user, "Signed In", "2026-11-20T10:02:00Z"));
		resolveAll();
		String survivor = one.compareTo(other) < 0 ? one : other;
		String merged = survivor.equals(one) ? other : one;
		Map<String, Object> before = countsOf(merged);

		// A node that still believes the merged-away profile owns the device
		cache.learn(List.of(identifier("anonymous_id", first), identifier("anonymous_id", second)), merged, 0);
		String late = record(channel, track(first, null, "Cart Viewed", "2026-11-20T10:03:00Z"));

		assertThat(linkedTo(channel, late)).isNull();
		assertThat(countsOf(merged)).isEqualTo(before);
		assertThat(cache.owner(identifier("anonymous_id", first))).isNull();
		resolveAll();
		assertThat(linkedTo(channel, late)).isEqualTo(survivor);
		assertThat(cache.owner(identifier("anonymous_id", first))).isEqualTo(new OwnerCache.Owner(survivor, 0));
	}

	@Test
	void aSplitMakesWhatTheNodeKnewOfTheProfileStale() {
		String channel = channel();
		String shared = unique("anon");
		String own = unique("anon");
		String user = unique("user");
		record(channel, track(own, user, "Signed In", "2026-11-20T10:00:00Z"));
		record(channel, track(shared, user, "Signed In", "2026-11-20T10:01:00Z"));
		resolveAll();
		String profile = profileOf(channel, own, 0);
		assertThat(cache.owner(identifier("anonymous_id", shared))).isEqualTo(new OwnerCache.Owner(profile, 0));

		String splitOff = splitter.split(profile, new Identifier("anonymous_id", shared));
		String onShared = record(channel, track(shared, null, "Product Viewed", "2026-11-20T10:05:00Z"));
		String onOwn = record(channel, track(own, null, "Product Viewed", "2026-11-20T10:06:00Z"));

		assertThat(linkedTo(channel, onShared)).isNull();
		assertThat(linkedTo(channel, onOwn)).as("the profile's version moved on").isNull();
		resolveAll();
		assertThat(linkedTo(channel, onShared)).isEqualTo(splitOff);
		assertThat(linkedTo(channel, onOwn)).isEqualTo(profile);
		// Learnt again at the new version: the next one is linked as it is accepted
		String next = record(channel, track(own, null, "Cart Viewed", "2026-11-20T10:07:00Z"));
		assertThat(linkedTo(channel, next)).isEqualTo(profile);
	}

	@Test
	void anErasedProfileIsNeverLinkedTo() {
		String channel = channel();
		String anonymous = unique("anon");
		String profile = knownCustomer(channel, anonymous);
		assertThat(cache.owner(identifier("anonymous_id", anonymous))).isNotNull();

		eraser.erase(profile, false);
		String after = record(channel, track(anonymous, null, "Cart Viewed", "2026-11-20T10:05:00Z"));

		assertThat(linkedTo(channel, after)).isNull();
		resolveAll();
		assertThat(linkedTo(channel, after)).isNotNull().isNotEqualTo(profile);
		assertThat(jdbc.sql("select count(*) from event_profile where profile_id = :id")
			.param("id", profile)
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * Tracks linked at acceptance on several threads while batches merge the same
	 * profiles: every profile's counts and channel events add up to the events linked to
	 * it, and no event sits on a profile merged away. A lost update between the two paths
	 * (a batch writing back counts it read before a linked message added to them) breaks
	 * the sums.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 3L, 20_261_125L })
	void linkingBesideMergingBatchesLosesNoCount(long seed) throws Exception {
		Random random = new Random(seed);
		String channel = channel();
		String prefix = "race" + seed + "-" + UUID.randomUUID() + "-";
		int people = 24;
		for (int person = 0; person < people; person++) {
			record(channel, track(prefix + "a" + person, null, "Product Viewed", "2026-11-20T10:00:00Z"));
		}
		resolveAll();
		List<String> devices = new ArrayList<>();
		for (int person = 0; person < people; person++) {
			devices.add(profileOf(channel, prefix + "a" + person, 0));
		}

		AtomicBoolean sending = new AtomicBoolean(true);
		List<String> merges = new ArrayList<>();
		for (int person = 0; person < people; person += 2) {
			// Two devices of one person meet when she signs in on both
			merges.add(person + "," + (person + 1));
		}
		java.util.concurrent.atomic.AtomicInteger rolledUp = new java.util.concurrent.atomic.AtomicInteger();
		try (ExecutorService threads = Executors.newFixedThreadPool(5)) {
			List<Future<Integer>> senders = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				long mine = random.nextLong();
				senders.add(threads.submit(() -> {
					Random own = new Random(mine);
					int sent = 0;
					for (int request = 0; request < 40; request++) {
						List<ObjectNode> batch = new ArrayList<>();
						for (int i = 0; i < 5; i++) {
							int person = own.nextInt(people);
							batch.add(track(prefix + "a" + person, null, "Product Viewed",
									"2026-11-20T1" + own.nextInt(10) + ":00:00Z"));
						}
						sent += collection.record(channel, batch).accepted();
					}
					return sent;
				}));
			}
			long rollingUp = random.nextLong();
			Future<Integer> resolving = threads.submit(() -> {
				// Batches, and roll-ups of the profiles' facts, which move their
				// facts_until past the messages' times: from then on their messages go
				// through the queue, which adds them to the roll-up
				Random own = new Random(rollingUp);
				int resolved = 0;
				// At least 40 rounds, so that roll-ups run beside the senders however
				// fast they are
				for (int round = 0; sending.get() || round < 40; round++) {
					resolved += resolver.resolveBatch(0, 1, 20);
					if (rollup.fold(devices.get(own.nextInt(people)))) {
						rolledUp.incrementAndGet();
					}
				}
				return resolved;
			});
			for (String merge : merges) {
				String[] pair = merge.split(",");
				String user = prefix + "u" + pair[0];
				record(channel, track(prefix + "a" + pair[0], user, "Signed In", "2026-11-20T11:00:00Z"));
				record(channel, track(prefix + "a" + pair[1], user, "Signed In", "2026-11-20T11:00:00Z"));
			}
			int sent = 0;
			for (Future<Integer> sender : senders) {
				sent += sender.get();
			}
			assertThat(sent).isEqualTo(4 * 40 * 5);
			sending.set(false);
			resolving.get();
		}
		resolveAll();

		List<String> mismatches = new ArrayList<>();
		List<String> live = jdbc.sql("select distinct profile_id from identifier where value like :prefix")
			.param("prefix", prefix + "%")
			.query(String.class)
			.list();
		for (String profile : live) {
			long linked = jdbc.sql("select count(*) from event_profile where profile_id = :id")
				.param("id", profile)
				.query(Long.class)
				.single();
			Profile read = reads.find(profile).orElseThrow();
			long counted = counts(read).values().stream().mapToLong(Long::longValue).sum();
			long channelEvents = read.channels().stream().mapToLong(Profile.ChannelUse::events).sum();
			if (counted != linked || channelEvents != linked) {
				mismatches
					.add(profile + " counts " + counted + " channel events " + channelEvents + " linked " + linked);
			}
		}
		assertThat(mismatches).isEmpty();
		assertThat(rolledUp.get()).as("profiles rolled up while linked to").isPositive();
		assertThat(jdbc.sql("""
				select count(*) from event_profile l join profile p on p.id = l.profile_id
				 where p.merged_into is not null""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(distinct p.id) from profile p join identifier i on i.profile_id = p.id
				 where i.value like :prefix and p.merged_into is null""")
			.param("prefix", prefix + "%")
			.query(Long.class)
			.single()).isEqualTo(people / 2);
		long total = jdbc.sql("""
				select count(*) from event_profile l join tracked_event e on e.seq = l.seq
				 where e.channel_id = :channel""").param("channel", channel).query(Long.class).single();
		assertThat(total).isEqualTo(people + 4 * 40 * 5 + 2L * merges.size());
	}

	private double linkedAt(String at) {
		return meters.get("omnis.identity.linked").tag("at", at).counter().count();
	}

	/**
	 * A customer the node knows: one track from her device, resolved through the queue.
	 * @return her profile
	 */
	private String knownCustomer(String channel, String anonymous) {
		record(channel, track(anonymous, null, "Product Viewed", "2026-11-20T10:00:00Z"));
		resolveAll();
		return profileOf(channel, anonymous, 0);
	}

	private String channel() {
		return channels.create(ChannelType.WEB, "early " + UUID.randomUUID(), null, Set.of()).channel().id().value();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	private static String identifier(String type, String value) {
		return Identifier.normalised(type, value).orElseThrow().toString();
	}

	private static ObjectNode message(String anonymous, String user, String at) {
		ObjectNode message = JSON.createObjectNode();
		message.put("messageId", unique("m"));
		message.put("anonymousId", anonymous);
		if (user != null) {
			message.put("userId", user);
		}
		message.put("timestamp", at);
		return message;
	}

	private static ObjectNode track(String anonymous, String user, String event, String at) {
		return message(anonymous, user, at).put("type", "track").put("event", event);
	}

	/** Records one message and returns its id. */
	private String record(String channel, ObjectNode message) {
		assertThat(collection.record(channel, message)).isTrue();
		return message.get("messageId").asString();
	}

	private String linkedTo(String channel, String messageId) {
		return jdbc.sql("""
				select p.profile_id from event_profile p join tracked_event e on e.seq = p.seq
				 where e.channel_id = :channel and e.message_id = :message""")
			.param("channel", channel)
			.param("message", messageId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private String profileOf(String channel, String anonymous, int nth) {
		return jdbc.sql("""
				select p.profile_id from event_profile p join tracked_event e on e.seq = p.seq
				 where e.channel_id = :channel and e.anonymous_id = :anonymous order by e.seq offset :nth limit 1""")
			.param("channel", channel)
			.param("anonymous", anonymous)
			.param("nth", nth)
			.query(String.class)
			.single();
	}

	private static Map<String, Long> counts(Profile profile) {
		Map<String, Long> counts = new java.util.HashMap<>();
		profile.eventCounts().properties().forEach(count -> counts.put(count.getKey(), count.getValue().asLong()));
		return counts;
	}

	private Map<String, Object> countsOf(String profile) {
		return jdbc.sql("select event_counts::text, channels::text, last_seen_at from profile where id = :id")
			.param("id", profile)
			.query()
			.singleRow();
	}

	/** How many events of a channel wait in the resolution queue. */
	private long waiting(String channel) {
		return jdbc.sql("""
				select count(*) from event_resolution_queue q join tracked_event e on e.seq = q.seq
				 where e.channel_id = :channel""").param("channel", channel).query(Long.class).single();
	}

}
