package io.omnis.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.channel.ChannelType;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents tag conversations and filter the inbox by tag, within limits; and merge two
 * conversations into one thread, in the order things were said, refused where a merge
 * makes no sense, and decided in the database when two agents merge at once.
 */
class TagAndMergeTests extends ConversationFixtures {

	Caller agent;

	Caller sms;

	@BeforeEach
	void callers() {
		agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
		sms = bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)));
	}

	@Test
	void tagsAreKeptInLowerCaseOnceEachAndFilterTheInbox() {
		String tagged = write(customer(), "My lamp arrived broken");
		String other = write(customer(), "Hello");
		String vip = "vip-" + UUID.randomUUID().toString().substring(0, 8);
		agent.post(path(tagged) + "/tags", "{\"tag\":\" " + vip.toUpperCase() + " \"}").expect(200);
		JsonNode tags = agent.post(path(tagged) + "/tags", "{\"tag\":\"" + vip + "\"}").expect(200);
		assertThat(tags.path("tags").toString()).isEqualTo("[\"" + vip + "\"]");
		agent.post(path(tagged) + "/tags", "{\"tag\":\"damaged-item\"}").expect(200);

		JsonNode page = agent.get("/api/v1/conversations?tag=" + vip).expect(200);
		assertThat(ids(page)).containsExactly(tagged);
		assertThat(ids(agent.get("/api/v1/conversations?tag=" + vip.toUpperCase()).expect(200)))
			.containsExactly(tagged);
		assertThat(ids(agent.get("/api/v1/conversations?tag=" + vip + "&status=RESOLVED").expect(200))).isEmpty();
		assertThat(ids(agent.get("/api/v1/conversations?tag=damaged-item&limit=200").expect(200))).contains(tagged)
			.doesNotContain(other);

		JsonNode left = agent.delete(path(tagged) + "/tags/" + vip).expect(200);
		assertThat(left.path("tags").toString()).isEqualTo("[\"damaged-item\"]");
		assertThat(ids(agent.get("/api/v1/conversations?tag=" + vip).expect(200))).isEmpty();
		agent.delete(path(tagged) + "/tags/" + vip).expectProblem(404, "not-found");
	}

	@Test
	void badTagsAndTheEleventhTagAreRefusedAndChangeNothing() {
		String id = write(customer(), "Hi");
		for (String bad : List.of("", "   ", "two words", "x".repeat(33), "<b>", "-leading", "a/b")) {
			agent.post(path(id) + "/tags", "{\"tag\":" + Json.quote(bad) + "}")
				.expectProblem(400, "invalid-field", "tag");
		}
		agent.post(path(id) + "/tags", "{\"tag\":42}").expectProblem(400, "invalid-field", "tag");
		agent.post(path(id) + "/tags", "{}").expectProblem(400, "invalid-field", "tag");
		agent.post("/api/v1/conversations/cnv_01jd4k7q8m3v5x6y7z8a9b0c1d/tags", "{\"tag\":\"ok\"}")
			.expectProblem(404, "not-found");
		agent.get("/api/v1/conversations?tag=" + "x".repeat(40)).expectProblem(400, "invalid-parameter", "tag");
		assertThat(agent.get(path(id) + "/tags").expect(200).path("tags").size()).isZero();
		for (int i = 0; i < Tags.MAX_TAGS; i++) {
			agent.post(path(id) + "/tags", "{\"tag\":\"t" + i + "\"}").expect(200);
		}
		agent.post(path(id) + "/tags", "{\"tag\":\"one-too-many\"}").expectProblem(400, "invalid-field", "tag");
		// Tagging again with one already there is no change, not a refusal
		agent.post(path(id) + "/tags", "{\"tag\":\"t0\"}").expect(200);
		assertThat(agent.get(path(id) + "/tags").expect(200).path("tags").size()).isEqualTo(Tags.MAX_TAGS);
		withScopes(Permission.CONVERSATIONS_READ).post(path(id) + "/tags", "{\"tag\":\"nope\"}")
			.expectProblem(403, "forbidden");
	}

	@Test
	void tagsAddedAtOnceNeverExceedTheLimit() throws Exception {
		String id = write(customer(), "Hi");
		List<Callable<Integer>> adds = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		for (int i = 0; i < 24; i++) {
			String tag = "burst-" + i;
			adds.add(() -> {
				start.await();
				return agent.post(path(id) + "/tags", "{\"tag\":\"" + tag + "\"}").status();
			});
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(12)) {
			List<Future<Integer>> answers = new ArrayList<>();
			adds.forEach(add -> answers.add(threads.submit(add)));
			start.countDown();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
		}
		assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(Tags.MAX_TAGS);
		assertThat(statuses.stream().filter(s -> s == 400).count()).isEqualTo(24 - Tags.MAX_TAGS);
		assertThat(jdbc.sql("select count(*) from conversation_tag where conversation_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isEqualTo(Tags.MAX_TAGS);
	}

	@Test
	void mergingMovesTheMessagesInTheOrderTheyWereWrittenAndLeavesAPointer() {
		String ana = customer();
		String anaAtWork = customer();
		String survivor = write(ana, "a1: my order is late");
		String merged = write(anaAtWork, "b1: it is me again, from work");
		write(ana, "a2: any news?");
		write(anaAtWork, "b2: still nothing");
		agent.post(path(merged) + "/tags", "{\"tag\":\"late\"}").expect(200);

		JsonNode merge = agent.post(path(merged) + "/merge", "{\"into\":\"" + survivor + "\"}").expect(201);
		assertThat(merge.path("merged").asString()).isEqualTo(merged);
		assertThat(merge.path("survivor").asString()).isEqualTo(survivor);
		assertThat(merge.path("messagesMoved").asInt()).isEqualTo(2);

		List<String> bodies = StreamSupport
			.stream(agent.get(path(survivor) + "/messages").expect(200).path("data").spliterator(), false)
			.map(m -> m.path("body").asString())
			.toList();
		assertThat(bodies).hasSize(5);
		assertThat(bodies.subList(0, 4)).containsExactly("a1: my order is late", "b1: it is me again, from work",
				"a2: any news?", "b2: still nothing");
		assertThat(bodies.get(4)).startsWith("Merged " + merged).contains("2 messages");

		JsonNode closed = agent.get(path(merged)).expect(200);
		assertThat(closed.path("status").asString()).isEqualTo("RESOLVED");
		assertThat(agent.get(path(merged) + "/routing").expect(200).path("mergedInto").asString()).isEqualTo(survivor);
		assertThat(agent.get(path(merged) + "/messages").expect(200).path("data").size()).isZero();
		assertThat(agent.get(path(survivor) + "/merges").expect(200).path("data").path(0).path("merged").asString())
			.isEqualTo(merged);
		assertThat(agent.get(path(survivor)).expect(200).path("status").asString()).isNotEqualTo("RESOLVED");
	}

	@Test
	void aMergeIntoItselfIntoAMergedOrResolvedOneOrOfAMergedOneIsRefused() {
		String a = write(customer(), "A");
		String b = write(customer(), "B");
		String c = write(customer(), "C");
		long merges = merges();
		agent.post(path(a) + "/merge", "{\"into\":\"" + a + "\"}").expectProblem(400, "invalid-field", "into");
		agent.post(path(a) + "/merge", "{}").expectProblem(400, "invalid-field", "into");
		agent.post(path(a) + "/merge", "{\"into\":\"not-an-id\"}").expectProblem(400, "invalid-field", "into");
		agent.post(path(a) + "/merge", "{\"into\":\"cnv_01jd4k7q8m3v5x6y7z8a9b0c1d\"}")
			.expectProblem(400, "invalid-field", "into");
		agent.post("/api/v1/conversations/cnv_01jd4k7q8m3v5x6y7z8a9b0c1d/merge", "{\"into\":\"" + a + "\"}")
			.expectProblem(404, "not-found");
		assertThat(merges()).isEqualTo(merges);

		agent.post(path(b) + "/merge", "{\"into\":\"" + a + "\"}").expect(201);
		agent.post(path(b) + "/merge", "{\"into\":\"" + c + "\"}").expectProblem(409, "conflict");
		agent.post(path(c) + "/merge", "{\"into\":\"" + b + "\"}").expectProblem(409, "conflict");
		agent.post(path(b) + "/reopen", "").expectProblem(409, "conflict");
		assertThat(agent.get(path(b)).expect(200).path("status").asString()).isEqualTo("RESOLVED");

		agent.post(path(c) + "/resolve", "").expect(200);
		agent.post(path(a) + "/merge", "{\"into\":\"" + c + "\"}").expectProblem(409, "conflict");
		assertThat(merges()).isEqualTo(merges + 1);
		assertThat(agent.get(path(a) + "/messages").expect(200).path("data").size()).isEqualTo(3);
	}

	@Test
	void twoAgentsMergingTwoConversationsIntoEachOtherAtOnceMakeOneMerge() throws Exception {
		for (int round = 0; round < 6; round++) {
			String x = write(customer(), "X " + round);
			String y = write(customer(), "Y " + round);
			CountDownLatch start = new CountDownLatch(1);
			List<Integer> statuses = new ArrayList<>();
			try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
				Future<Integer> one = threads.submit(() -> {
					start.await();
					return agent.post(path(x) + "/merge", "{\"into\":\"" + y + "\"}").status();
				});
				Future<Integer> two = threads.submit(() -> {
					start.await();
					return agent.post(path(y) + "/merge", "{\"into\":\"" + x + "\"}").status();
				});
				start.countDown();
				statuses.add(one.get());
				statuses.add(two.get());
			}
			assertThat(statuses).containsExactlyInAnyOrder(201, 409);
			assertThat(jdbc.sql("select count(*) from conversation_merge where merged_id in (:x, :y)")
				.param("x", x)
				.param("y", y)
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from conversation where id in (:x, :y) and merged_into is null")
				.param("x", x)
				.param("y", y)
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from conversation_message where conversation_id in (:x, :y)")
				.param("x", x)
				.param("y", y)
				.query(Integer.class)
				.single()).isEqualTo(3);
		}
	}

	@Test
	void theMergedConversationsServiceLevelClocksStopAndTheSurvivorsKeepRunning() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE,
				Permission.CONVERSATIONS_MANAGE);
		String team = "merge-sla-" + UUID.randomUUID().toString().substring(0, 8);
		String calendar = admin.post("/api/v1/sla/calendars", """
				{"name":"Always","timeZone":"UTC","weeklyHours":{
				 "MONDAY":[{"from":"00:00","to":"24:00"}],"TUESDAY":[{"from":"00:00","to":"24:00"}],
				 "WEDNESDAY":[{"from":"00:00","to":"24:00"}],"THURSDAY":[{"from":"00:00","to":"24:00"}],
				 "FRIDAY":[{"from":"00:00","to":"24:00"}],"SATURDAY":[{"from":"00:00","to":"24:00"}],
				 "SUNDAY":[{"from":"00:00","to":"24:00"}]},"holidays":[]}""").expect(201).path("id").asString();
		admin.post("/api/v1/sla/policies", """
				{"name":"Merges","team":"%s","priority":null,"calendarId":"%s","firstResponseMinutes":30,
				 "resolutionMinutes":240,"warnBeforeMinutes":10}""".formatted(team, calendar)).expect(201);
		String survivor = write(customer(), "First");
		String merged = write(customer(), "Second");
		for (String id : List.of(survivor, merged)) {
			admin.patch(path(id), "{\"team\":\"" + team + "\"}").expect(200);
			io.omnis.Poll.until(java.time.Duration.ofSeconds(20), () -> running(id), count -> count == 2);
		}
		agent.post(path(merged) + "/merge", "{\"into\":\"" + survivor + "\"}").expect(201);
		io.omnis.Poll.until(java.time.Duration.ofSeconds(20), () -> running(merged), count -> count == 0);
		assertThat(running(survivor)).isEqualTo(2);
	}

	private int running(String id) {
		return jdbc.sql("select count(*) from conversation_sla where conversation_id = :id and met_at is null")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	private long merges() {
		return jdbc.sql("select count(*) from conversation_merge").query(Long.class).single();
	}

	private static List<String> ids(JsonNode page) {
		return StreamSupport.stream(page.path("data").spliterator(), false).map(c -> c.path("id").asString()).toList();
	}

	private static String path(String id) {
		return "/api/v1/conversations/" + id;
	}

	private static String customer() {
		return "cust-" + UUID.randomUUID() + "@example.com";
	}

	private String write(String email, String text) {
		return sms
			.post("/api/v1/conversations/inbound/messages",
					"{\"from\":{\"email\":\"" + email + "\"},\"text\":" + Json.quote(text) + "}")
			.expect(201)
			.path("conversationId")
			.asString();
	}

}
