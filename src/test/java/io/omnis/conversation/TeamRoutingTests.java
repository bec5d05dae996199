package io.omnis.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.conversation.internal.Router;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations go to a team's queue by rules on her language, the topic and the channel,
 * and within it to the least-loaded online agent with the skills it needs; without one
 * they wait (or, once the rule's patience runs out, go to anyone).
 */
class TeamRoutingTests extends ConversationFixtures {

	@Autowired
	Staff staff;

	@Autowired
	Agents agents;

	@Autowired
	Conversations conversations;

	@Autowired
	Profiles profiles;

	@Autowired
	Router router;

	Caller manager;

	Caller sms;

	String webWriteKey;

	@BeforeEach
	void nothingElseInProgress() {
		// The database is shared with the other test classes: start from an empty queue,
		// no one online and no rules
		jdbc.sql("update conversation set status = 'RESOLVED', resolved_at = now() where status <> 'RESOLVED'")
			.update();
		// in staff order, as routing locks agents, so that the two never deadlock
		jdbc.sql("""
				update agent set presence = 'OFFLINE'
				 where staff_id in (select staff_id from agent order by staff_id for update)""").update();
		jdbc.sql("delete from conversation_routing_rule").update();
		manager = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE,
				Permission.CONVERSATIONS_MANAGE);
		sms = bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)));
		Channels.Created web = channel(ChannelType.WEB);
		webWriteKey = writeKeyOf(web);
	}

	@AfterEach
	void noRulesLeft() {
		jdbc.sql("delete from conversation_routing_rule").update();
	}

	@Test
	void theFrenchSpeakingAgentGetsTheFrenchConversationAndHerCapacityIsRespected() throws Exception {
		String amelie = agent("amelie", Map.of(ChannelType.SMS, 1));
		String bob = agent("bob", Map.of(ChannelType.SMS, 5));
		skills(amelie, "language:fr");
		String team = team("French", amelie, bob);
		JsonNode rule = manager
			.post("/api/v1/conversations/routing-rules", "{\"language\":\"FR\",\"teamId\":\"" + team + "\"}")
			.expect(201);
		assertThat(rule.path("skills").toString()).isEqualTo("[\"language:fr\"]");
		assertThat(rule.path("widenAfterMinutes").isNull()).isTrue();
		agents.presence(amelie, Presence.ONLINE);
		agents.presence(bob, Presence.ONLINE);

		// Bob has nothing and Amélie nothing either: the French chat still goes to her
		String first = write(customer("fr-FR"), "Bonjour, où est ma commande ?");
		assertThat(assigneeOf(first)).isEqualTo(amelie);
		JsonNode routing = manager.get("/api/v1/conversations/" + first + "/routing").expect(200);
		assertThat(routing.path("team").asString()).startsWith("French");
		assertThat(routing.path("language").asString()).isEqualTo("fr");
		assertThat(routing.path("requiredSkills").toString()).isEqualTo("[\"language:fr\"]");

		String teamName = routing.path("team").asString();
		JsonNode queue = manager
			.get("/api/v1/conversations?team="
					+ java.net.URLEncoder.encode(teamName, java.nio.charset.StandardCharsets.UTF_8))
			.expect(200);
		assertThat(queue.path("data").size()).isEqualTo(1);
		assertThat(queue.path("data").path(0).path("id").asString()).isEqualTo(first);

		// Someone who speaks no known language is not for a French rule: least loaded
		String english = write(customer(null), "Hello, where is my order?");
		assertThat(assigneeOf(english)).isEqualTo(bob);

		// Amélie is full: the second French chat waits in the queue although Bob has room
		String second = write(customer("fr"), "Bonjour !");
		assertThat(router.drain()).isZero();
		assertThat(conversations.get(second).assigneeId()).isNull();

		// She resolves the first: the waiting one is hers now
		conversations.resolve(first, Author.SYSTEM);
		assertThat(assigneeOf(second)).isEqualTo(amelie);
	}

	@Test
	void aTopicFoundInHerWordsAndTheChannelPickTheQueueAndNoSkilledAgentMeansSheWaits() throws Exception {
		String carl = agent("carl", Map.of());
		String dana = agent("dana", Map.of());
		skills(carl, "topic:returns", "channel:sms");
		String returns = team("Returns", carl, dana);
		manager
			.post("/api/v1/conversations/routing-rules",
					"{\"name\":\"Returns by SMS\",\"topic\":\"returns\",\"keywords\":[\"Return\",\"refund\"],"
							+ "\"channelType\":\"SMS\",\"teamId\":\"" + returns + "\"}")
			.expect(201);
		agents.presence(dana, Presence.ONLINE);

		// Only Dana is online, and she has not the skills: the conversation waits
		String waiting = write(customer(null), "I want to RETURN my lamp, please");
		assertThat(router.drain()).isZero();
		JsonNode routing = manager.get("/api/v1/conversations/" + waiting + "/routing").expect(200);
		assertThat(routing.path("topic").asString()).isEqualTo("returns");
		assertThat(routing.path("requiredSkills").toString()).isEqualTo("[\"topic:returns\",\"channel:sms\"]");
		assertThat(conversations.get(waiting).assigneeId()).isNull();

		// "returned" is not the keyword "return": no rule, anyone takes it
		String other = write(customer(null), "My parcel was returned to sender");
		assertThat(assigneeOf(other)).isEqualTo(dana);

		agents.presence(carl, Presence.ONLINE);
		assertThat(assigneeOf(waiting)).isEqualTo(carl);
	}

	@Test
	void aRuleThatWidensLetsAnyoneTakeTheConversationOnceItsPatienceRanOut() throws Exception {
		String eve = agent("eve", Map.of());
		String outsider = agent("fritz", Map.of());
		String german = team("German", eve);
		manager
			.post("/api/v1/conversations/routing-rules",
					"{\"language\":\"de\",\"teamId\":\"" + german + "\",\"widenAfterMinutes\":5}")
			.expect(201);
		skills(eve, "language:de");
		agents.presence(outsider, Presence.ONLINE);

		String id = write(customer("de-AT"), "Guten Tag");
		assertThat(router.drain()).isZero();
		JsonNode routing = manager.get("/api/v1/conversations/" + id + "/routing").expect(200);
		assertThat(routing.path("restrictedUntil").asString()).isNotEmpty();

		// Five minutes later (the clock of the conversation moved back, not the test's)
		jdbc.sql("update conversation set restricted_until = now() - interval '1 second' where id = :id")
			.param("id", id)
			.update();
		assertThat(assigneeOf(id)).isEqualTo(outsider);
	}

	@Test
	void anAgentCorrectsTheTopicOfAWaitingConversationAndTheRulesRouteItAgain() throws Exception {
		String gus = agent("gus", Map.of());
		String hana = agent("hana", Map.of());
		skills(gus, "topic:billing");
		skills(hana, "topic:returns");
		String billing = team("Billing", gus);
		String returns = team("Returns", hana);
		manager
			.post("/api/v1/conversations/routing-rules",
					"{\"topic\":\"billing\",\"keywords\":[\"invoice\"]," + "\"teamId\":\"" + billing + "\"}")
			.expect(201);
		manager
			.post("/api/v1/conversations/routing-rules",
					"{\"topic\":\"returns\",\"keywords\":[\"return\"],\"teamId\":\"" + returns + "\"}")
			.expect(201);
		agents.presence(gus, Presence.OFFLINE);
		String id = write(customer(null), "About my invoice");
		assertThat(manager.get("/api/v1/conversations/" + id + "/routing").expect(200).path("topic").asString())
			.isEqualTo("billing");
		agents.presence(hana, Presence.ONLINE);
		assertThat(router.drain()).isZero();

		JsonNode moved = manager.patch("/api/v1/conversations/" + id + "/routing", "{\"topic\":\"returns\"}")
			.expect(200);
		assertThat(moved.path("team").asString()).startsWith("Returns");
		assertThat(assigneeOf(id)).isEqualTo(hana);
		// Once someone has it, it is not routed again
		manager.patch("/api/v1/conversations/" + id + "/routing", "{\"topic\":\"billing\"}")
			.expectProblem(409, "conflict");
	}

	@Test
	void badTeamsSkillsAndRulesAreRefusedAndChangeNothing() {
		String ida = agent("ida", Map.of());
		String team = team("Refusals", ida);
		long rules = count("conversation_routing_rule");
		manager.post("/api/v1/conversations/teams", "{\"name\":\"   \"}").expectProblem(400, "invalid-field", "name");
		manager.post("/api/v1/conversations/teams", "{\"name\":\"" + "x".repeat(61) + "\"}")
			.expectProblem(400, "invalid-field", "name");
		manager.post("/api/v1/conversations/teams", "{\"name\":\"Nobody\",\"members\":[\"stf_nobody\"]}")
			.expectProblem(400, "invalid-field", "members[0]");
		String name = manager.get("/api/v1/conversations/teams/" + team).expect(200).path("name").asString();
		manager.post("/api/v1/conversations/teams", "{\"name\":\"" + name + "\"}").expectProblem(409, "conflict");
		put(manager, "/api/v1/conversations/agents/" + ida + "/skills", "{\"skills\":[\"cooking:pasta\"]}")
			.expectProblem(400, "invalid-field", "skills[0]");
		put(manager, "/api/v1/conversations/agents/" + ida + "/skills", "{\"skills\":[\"language:fr\",\"topic:\"]}")
			.expectProblem(400, "invalid-field", "skills[1]");
		put(manager, "/api/v1/conversations/agents/stf_nobody/skills", "{\"skills\":[]}").expectProblem(404,
				"not-found");
		assertThat(manager.get("/api/v1/conversations/agents/" + ida + "/skills").expect(200).path("skills").size())
			.isZero();
		manager.post("/api/v1/conversations/routing-rules", "{\"language\":\"fr\"}")
			.expectProblem(400, "invalid-field", "teamId");
		manager.post("/api/v1/conversations/routing-rules", "{\"language\":\"french!\",\"teamId\":\"" + team + "\"}")
			.expectProblem(400, "invalid-field", "language");
		manager.post("/api/v1/conversations/routing-rules", "{\"keywords\":[\"refund\"],\"teamId\":\"" + team + "\"}")
			.expectProblem(400, "invalid-field", "topic");
		manager
			.post("/api/v1/conversations/routing-rules",
					"{\"topic\":\"returns\",\"keywords\":[\"  \"],\"teamId\":\"" + team + "\"}")
			.expectProblem(400, "invalid-field", "keywords[0]");
		manager
			.post("/api/v1/conversations/routing-rules",
					"{\"language\":\"fr\",\"teamId\":\"" + team + "\",\"widenAfterMinutes\":-1}")
			.expectProblem(400, "invalid-field", "widenAfterMinutes");
		manager
			.post("/api/v1/conversations/routing-rules",
					"{\"language\":\"fr\",\"teamId\":\"" + team + "\",\"channelType\":\"PIGEON\"}")
			.expectProblem(400, "invalid-field", "channelType");
		assertThat(count("conversation_routing_rule")).isEqualTo(rules);
		withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE)
			.post("/api/v1/conversations/teams", "{\"name\":\"Not allowed\"}")
			.expectProblem(403, "forbidden");
	}

	static Answer put(Caller caller, String path, String json) {
		return caller.send("PUT", path, java.net.http.HttpRequest.BodyPublishers.ofString(json), "Content-Type",
				"application/json");
	}

	static String quoteAll(List<String> values) {
		return "[" + String.join(",", values.stream().map(Json::quote).toList()) + "]";
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private String agent(String name, Map<ChannelType, Integer> capacity) {
		String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(username, name, Role.AGENT, "agent-password-" + name);
		String id = agents.presenceOf(username, Presence.OFFLINE).staffId();
		if (!capacity.isEmpty()) {
			agents.capacity(id, capacity);
		}
		return id;
	}

	private void skills(String staffId, String... skills) {
		put(manager, "/api/v1/conversations/agents/" + staffId + "/skills",
				"{\"skills\":" + quoteAll(List.of(skills)) + "}")
			.expect(200);
	}

	private String team(String name, String... members) {
		return manager
			.post("/api/v1/conversations/teams",
					"{\"name\":" + Json.quote(unique(name)) + ",\"members\":" + quoteAll(List.of(members)) + "}")
			.expect(201)
			.path("id")
			.asString();
	}

	/** A customer known by e-mail, with her language when given. */
	private String customer(String language) {
		String email = "cust-" + UUID.randomUUID() + "@example.com";
		String traits = "{\"email\":\"" + email + "\"" + (language == null ? "" : ",\"language\":\"" + language + "\"")
				+ "}";
		anonymous()
			.send("POST", "/v1/identify",
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"userId\":\"u-" + UUID.randomUUID()
							+ "\",\"messageId\":\"m-" + UUID.randomUUID() + "\",\"traits\":" + traits + "}"),
					"Authorization", basic(webWriteKey), "Content-Type", "application/json")
			.expect(200);
		Poll.until(Duration.ofSeconds(20), () -> profiles.lookup(new Identifier("email", email)),
				found -> found.isPresent());
		return email;
	}

	private String write(String email, String text) {
		return sms
			.post("/api/v1/conversations/inbound/messages",
					"{\"from\":{\"email\":\"" + email + "\"},\"text\":" + Json.quote(text) + "}")
			.expect(201)
			.path("conversationId")
			.asString();
	}

	private String assigneeOf(String id) {
		return Poll.until(Duration.ofSeconds(20), () -> {
			router.drain();
			return conversations.get(id);
		}, c -> c.assigneeId() != null).assigneeId();
	}

}
