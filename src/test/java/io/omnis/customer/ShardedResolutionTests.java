package io.omnis.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.ResolverOffOmnis;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolution in several shards gives the graph one worker gives: the same seeded messages
 * (people with several devices, e-mails and a user id, whose devices fall in different
 * shards) are resolved once by one worker in acceptance order and once by several shards
 * at the same time in small batches, and both end with the same profiles, counts, traits
 * and channels. The background workers are off here, so the test drives every batch.
 */
class ShardedResolutionTests extends ResolverOffOmnis {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.omnis.customer.internal.ProfileReads reads;

	@ParameterizedTest
	@ValueSource(longs = { 7L, 1_234_567L, 20_261_123L })
	void severalShardsAtOnceBuildTheGraphOneWorkerBuilds(long seed) throws Exception {
		List<Message> messages = messages(new Random(seed), 120, 1_200);

		String serial = "s" + seed + "-";
		String serialChannel = record(serial, messages);
		while (resolver.resolveBatch(0, 1, 50) > 0) {
			// one worker, acceptance order
		}
		assertThat(waiting()).isZero();

		String sharded = "p" + seed + "-";
		String shardedChannel = record(sharded, messages);
		int shards = 4;
		try (ExecutorService workers = Executors.newFixedThreadPool(shards)) {
			List<Future<Integer>> done = shards(workers, shards, 7);
			int resolved = 0;
			for (Future<Integer> shard : done) {
				int n = shard.get();
				assertThat(n).as("every shard had work").isPositive();
				resolved += n;
			}
			assertThat(resolved).isEqualTo(messages.size());
		}
		assertThat(waiting()).isZero();

		Map<String, String> one = graph(serial, serialChannel);
		Map<String, String> many = graph(sharded, shardedChannel);
		assertThat(one).hasSizeGreaterThan(50);
		assertThat(many).isEqualTo(one);
		assertConsistent(sharded);
	}

	/**
	 * Callers resolving messages out of turn, in groups of whatever arrives together,
	 * beside the shards' batches (their profiles and identifiers meeting theirs), leave
	 * the graph one worker builds in acceptance order; every caller gets a profile.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 11L, 20_261_124L })
	void outOfTurnGroupsBesideTheShardsBuildTheGraphOneWorkerBuilds(long seed) throws Exception {
		Random random = new Random(seed);
		List<Message> messages = messages(random, 12, 600);

		String serial = "so" + seed + "-";
		String serialChannel = record(serial, messages);
		while (resolver.resolveBatch(0, 1, 50) > 0) {
			// one worker, acceptance order
		}

		String mixed = "o" + seed + "-";
		String mixedChannel = record(mixed, messages);
		String[] channelOf = mixedChannel.split(",");
		List<Message> outOfTurn = new ArrayList<>(messages);
		Collections.shuffle(outOfTurn, random);
		int shards = 2;
		int callers = 6;
		long retriesBefore = resolver.outOfTurnRetries();
		try (ExecutorService threads = Executors.newFixedThreadPool(shards + callers)) {
			List<Future<Integer>> done = shards(threads, shards, 5);
			for (int caller = 0; caller < callers; caller++) {
				List<Message> mine = outOfTurn.subList(caller * outOfTurn.size() / callers / 2,
						(caller + 1) * outOfTurn.size() / callers / 2);
				done.add(threads.submit(() -> {
					for (Message m : mine) {
						String channel = channelOf[m.channel()];
						assertThat(resolver.resolveNow(channel, mixed + "m" + m.n())).as("the message's profile")
							.isPresent();
					}
					return mine.size();
				}));
			}
			for (Future<Integer> task : done) {
				assertThat(task.get()).isPositive();
			}
		}
		while (resolver.resolveBatch(0, 1, 50) > 0) {
			// what the shards' last batches left behind the callers
		}
		assertThat(waiting()).isZero();

		assertThat(graph(mixed, mixedChannel)).isEqualTo(graph(serial, serialChannel));
		assertConsistent(mixed);
		System.out.printf("out-of-turn groups done anew (seed %d): %d%n", seed,
				resolver.outOfTurnRetries() - retriesBefore);
	}

	/**
	 * Resolution at acceptance (ADR 0034) leaves the graph the queue leaves: the same
	 * seeded messages are recorded once all before any resolution (so that none is
	 * resolved at acceptance) and once in slices with the queue resolved after each, so
	 * that a later slice's tracks from known devices are linked as they are accepted,
	 * some before an earlier identify of the same slice that merges their profile.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 5L, 20_261_125L })
	void resolutionAtAcceptanceBuildsTheGraphTheQueueBuilds(long seed) {
		List<Message> messages = messages(new Random(seed), 40, 800);

		String queued = "q" + seed + "-";
		String queuedChannel = record(queued, messages);
		assertThat(linkedOf(queued)).as("nothing is known before the first resolution").isZero();
		while (resolver.resolveBatch(0, 1, 50) > 0) {
			// acceptance order
		}

		String early = "e" + seed + "-";
		String[] earlyChannels = null;
		long linkedAtAcceptance = 0;
		for (int from = 0; from < messages.size(); from += 100) {
			List<Message> slice = messages.subList(from, Math.min(from + 100, messages.size()));
			String before = "e" + seed + "-";
			long linkedBefore = linkedOf(before);
			if (earlyChannels == null) {
				earlyChannels = record(early, slice).split(",");
			}
			else {
				record(early, slice, earlyChannels);
			}
			linkedAtAcceptance += linkedOf(before) - linkedBefore;
			while (resolver.resolveBatch(0, 1, 50) > 0) {
				// what the slice queued
			}
		}
		assertThat(waiting()).isZero();
		assertThat(linkedAtAcceptance).as("messages linked as they were accepted").isGreaterThan(messages.size() / 4);

		assertThat(graph(early, String.join(",", earlyChannels))).isEqualTo(graph(queued, queuedChannel));
		assertConsistent(early);
	}

	/** How many events of a run are linked to a profile. */
	private long linkedOf(String prefix) {
		return jdbc.sql("""
				select count(*) from event_profile p join tracked_event e on e.seq = p.seq
				 where e.message_id like :prefix""").param("prefix", prefix + "%").query(Long.class).single();
	}

	/**
	 * Each shard's batches of {@code size} on a thread of its own until none is left;
	 * each future counts what its shard resolved.
	 */
	private List<Future<Integer>> shards(ExecutorService threads, int shards, int size) {
		List<Future<Integer>> done = new ArrayList<>();
		for (int shard = 0; shard < shards; shard++) {
			int mine = shard;
			done.add(threads.submit(() -> {
				int resolved = 0;
				for (int n; (n = resolver.resolveBatch(mine, shards, size)) > 0;) {
					resolved += n;
				}
				return resolved;
			}));
		}
		return done;
	}

	/**
	 * People with one user id (or none), one to three devices and up to two e-mails; each
	 * message comes from one of her devices, sometimes signed in, sometimes with her
	 * e-mail, at a distinct time that is not in sending order.
	 */
	private static List<Message> messages(Random random, int people, int count) {
		List<Integer> minutes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			minutes.add(i);
		}
		Collections.shuffle(minutes, random);
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int person = random.nextInt(people);
			boolean hasUser = person % 5 != 0;
			int devices = 1 + person % 3;
			int emails = person % 3;
			String anonymous = "anon-" + person + "-" + random.nextInt(devices);
			boolean signedIn = hasUser && random.nextInt(3) == 0;
			String email = emails > 0 && random.nextInt(4) == 0 ? "mail-" + person + "-" + random.nextInt(emails)
					: null;
			boolean identify = signedIn || email != null;
			String event = identify ? null
					: List.of("Product Viewed", "Cart Viewed", "Order Completed").get(random.nextInt(3));
			Instant at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * minutes.get(i));
			String name = "Name " + person + " v" + random.nextInt(1000);
			messages.add(new Message(i, anonymous, signedIn ? "user-" + person : null, email, event, name, at,
					random.nextInt(2)));
		}
		return messages;
	}

	/** Records the messages with a prefix on every value, in two channels of a source. */
	private String record(String prefix, List<Message> messages) {
		String web = channels.create(ChannelType.WEB, prefix + "web", null, Set.of()).channel().id().value();
		String app = channels.create(ChannelType.MOBILE_APP, prefix + "app", null, Set.of()).channel().id().value();
		record(prefix, messages, new String[] { web, app });
		return web + "," + app;
	}

	/** Records the messages with a prefix on every value, in the two channels given. */
	private void record(String prefix, List<Message> messages, String[] channelIds) {
		String web = channelIds[0];
		String app = channelIds[1];
		for (Message m : messages) {
			ObjectNode message = JSON.createObjectNode();
			message.put("messageId", prefix + "m" + m.n());
			message.put("anonymousId", prefix + m.anonymous());
			if (m.user() != null) {
				message.put("userId", prefix + m.user());
			}
			message.put("timestamp", m.at().toString());
			if (m.event() != null) {
				message.put("type", "track").put("event", m.event());
			}
			else {
				message.put("type", "identify");
				ObjectNode traits = message.putObject("traits").put("name", m.name());
				if (m.email() != null) {
					traits.put("email", prefix + m.email() + "@example.com");
				}
			}
			assertThat(collection.record(m.channel() == 0 ? web : app, message)).isTrue();
		}
	}

	private long waiting() {
		return jdbc.sql("select count(*) from event_resolution_queue").query(Long.class).single();
	}

	/**
	 * The graph of one run without its ids or prefix: for each profile (named by its
	 * identifiers), its event counts, traits, first and last seen, events in its timeline
	 * and channel use.
	 */
	private Map<String, String> graph(String prefix, String channelIds) {
		String[] channelOf = channelIds.split(",");
		Map<String, String> graph = new TreeMap<>();
		jdbc.sql("""
				select p.id, p.traits::text,
				       (select string_agg(i.type || ':' || i.value, ' ' order by i.type, i.value)
				          from identifier i where i.profile_id = p.id) as identifiers,
				       (select count(*) from event_profile e where e.profile_id = p.id) as events
				  from profile p
				 where p.merged_into is null
				   and exists (select 1 from identifier i where i.profile_id = p.id and i.value like :prefix)""")
			.param("prefix", prefix + "%")
			.query(rs -> {
				String identifiers = rs.getString("identifiers").replace(prefix, "");
				String traits = new TreeMap<>(JSON.readValue(rs.getString("traits"), Map.class)).toString()
					.replace(prefix, "");
				// The facts as a read gives them, derived from the events (ADR 0035)
				Profile profile = reads.find(rs.getString("id")).orElseThrow();
				String channels = new TreeSet<>(profile.channels()
					.stream()
					.map(c -> c.channelId() + "=" + c.events() + "@" + c.firstSeenAt() + "/" + c.lastSeenAt())
					.toList()).toString().replace(channelOf[0], "web").replace(channelOf[1], "app");
				graph.put(identifiers,
						"counts=" + new TreeMap<>(JSON.readValue(profile.eventCounts().toString(), Map.class))
								+ " traits=" + traits + " seen=" + profile.firstSeenAt() + "/" + profile.lastSeenAt()
								+ " events=" + rs.getLong("events") + " channels=" + channels);
			});
		return graph;
	}

	/**
	 * Nothing points at a merged profile: identifiers, timeline events and channel use
	 * all sit on live profiles.
	 */
	private void assertConsistent(String prefix) {
		Set<String> stale = new TreeSet<>(jdbc.sql("""
				select 'identifier ' || i.value from identifier i join profile p on p.id = i.profile_id
				 where p.merged_into is not null and i.value like :prefix
				union all
				select 'event ' || e.seq from event_profile e join profile p on p.id = e.profile_id
				 where p.merged_into is not null
				union all
				select 'channel ' || p.id from profile p where p.merged_into is not null and p.channels <> '{}'""")
			.param("prefix", prefix + "%")
			.query(String.class)
			.list());
		assertThat(stale).isEmpty();
	}

	private record Message(int n, String anonymous, String user, String email, String event, String name, Instant at,
			int channel) {
	}

}
