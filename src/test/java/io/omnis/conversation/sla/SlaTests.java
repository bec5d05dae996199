package io.omnis.conversation.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service-level clocks on real conversations: started when a policy applies, at risk
 * before the due time, breached after it, stopped by an agent's answer, restarted by the
 * customer's next message; and calendars and policies that refuse bad input.
 */
class SlaTests extends RunningOmnis {

	@Autowired
	SlaWatch watch;

	static final String ROUND_THE_CLOCK = """
			{"name":"Round the clock","timeZone":"UTC","weeklyHours":{
			 "MONDAY":[{"from":"00:00","to":"24:00"}],"TUESDAY":[{"from":"00:00","to":"24:00"}],
			 "WEDNESDAY":[{"from":"00:00","to":"24:00"}],"THURSDAY":[{"from":"00:00","to":"24:00"}],
			 "FRIDAY":[{"from":"00:00","to":"24:00"}],"SATURDAY":[{"from":"00:00","to":"24:00"}],
			 "SUNDAY":[{"from":"00:00","to":"24:00"}]},"holidays":[]}""";

	@Test
	void aConversationOfATeamWithAPolicyIsAtRiskThenBreachedUntilAnAgentAnswers() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE,
				Permission.CONVERSATIONS_MANAGE);
		String team = "sla-" + UUID.randomUUID().toString().substring(0, 8);
		String calendar = admin.post("/api/v1/sla/calendars", ROUND_THE_CLOCK).expect(201).path("id").asString();
		admin
			.post("/api/v1/sla/policies",
					"""
							{"name":"Fast","team":"%s","priority":"HIGH","calendarId":"%s","firstResponseMinutes":30,
							 "nextResponseMinutes":60,"resolutionMinutes":240,"warnBeforeMinutes":10}""".formatted(team,
							calendar))
			.expect(201);

		String conversation = chat("My parcel is late");
		JsonNode updated = admin
			.patch("/api/v1/conversations/" + conversation, "{\"team\":\"" + team + "\",\"priority\":\"HIGH\"}")
			.expect(200);
		Instant created = Instant.parse(updated.path("createdAt").asString());

		JsonNode clocks = Poll.until(Duration.ofSeconds(20),
				() -> admin.get("/api/v1/conversations/" + conversation + "/sla").expect(200).path("data"),
				data -> data.size() == 2);
		JsonNode first = clock(clocks, "FIRST_RESPONSE");
		assertThat(Instant.parse(first.path("dueAt").asString())).isEqualTo(created.plus(Duration.ofMinutes(30)));
		assertThat(Instant.parse(first.path("warnAt").asString())).isEqualTo(created.plus(Duration.ofMinutes(20)));
		assertThat(Instant.parse(clock(clocks, "RESOLUTION").path("dueAt").asString()))
			.isEqualTo(created.plus(Duration.ofMinutes(240)));

		watch.check(created.plus(Duration.ofMinutes(21)));
		assertThat(state(admin, conversation, "FIRST_RESPONSE")).isEqualTo("AT_RISK");
		assertThat(admin.get("/api/v1/sla/at-risk?limit=500").expect(200).path("data").toString())
			.contains(conversation);

		watch.check(created.plus(Duration.ofMinutes(31)));
		assertThat(state(admin, conversation, "FIRST_RESPONSE")).isEqualTo("BREACHED");
		watch.check(created.plus(Duration.ofMinutes(32)));
		assertThat(breaches(conversation)).isEqualTo(1);

		admin.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"It ships today\"}").expect(201);
		Poll.until(Duration.ofSeconds(20), () -> admin.get("/api/v1/conversations/" + conversation).expect(200),
				c -> !c.path("firstResponseAt").isNull());
		chatAgain("Thanks, and the invoice?");
		Poll.until(Duration.ofSeconds(20), () -> state(admin, conversation, "NEXT_RESPONSE"), "RUNNING"::equals);
		admin.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Attached\"}").expect(201);
		Poll.until(Duration.ofSeconds(20), () -> state(admin, conversation, "NEXT_RESPONSE"), "MET"::equals);
		assertThat(breaches(conversation)).isEqualTo(1);
	}

	@Test
	void calendarsAndPoliciesRefuseBadInputNamingTheFieldAndStoreNothing() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		long calendars = count("sla_calendar");
		admin.post("/api/v1/sla/calendars", ROUND_THE_CLOCK.replace("\"UTC\"", "\"Mars/Olympus\""))
			.expectProblem(400, "invalid-field", "timeZone");
		admin.post("/api/v1/sla/calendars", ROUND_THE_CLOCK.replace("\"MONDAY\"", "\"MOONDAY\""))
			.expectProblem(400, "invalid-field", "weeklyHours.MOONDAY");
		admin
			.post("/api/v1/sla/calendars",
					ROUND_THE_CLOCK.replace("[{\"from\":\"00:00\",\"to\":\"24:00\"}],\"TUESDAY\"",
							"[{\"from\":\"18:00\",\"to\":\"09:00\"}],\"TUESDAY\""))
			.expectProblem(400, "invalid-field", "weeklyHours.MONDAY");
		admin.post("/api/v1/sla/calendars", ROUND_THE_CLOCK.replace("\"holidays\":[]", "\"holidays\":[\"25/12\"]"))
			.expectProblem(400, "invalid-field", "holidays");
		admin.post("/api/v1/sla/calendars", "{\"name\":\"Closed\",\"timeZone\":\"UTC\",\"weeklyHours\":{}}")
			.expectProblem(400, "invalid-field", "weeklyHours");
		assertThat(count("sla_calendar")).isEqualTo(calendars);

		String calendar = admin.post("/api/v1/sla/calendars", ROUND_THE_CLOCK).expect(201).path("id").asString();
		long policies = count("sla_policy");
		String team = "bad-" + UUID.randomUUID().toString().substring(0, 8);
		String policy = """
				{"name":"P","team":"%s","priority":"%s","calendarId":"%s","firstResponseMinutes":%s}""";
		admin.post("/api/v1/sla/policies", policy.formatted(team, "SOON", calendar, "30"))
			.expectProblem(400, "invalid-field", "priority");
		admin.post("/api/v1/sla/policies", policy.formatted(team, "HIGH", "cal_nope", "30"))
			.expectProblem(400, "invalid-field", "calendarId");
		admin.post("/api/v1/sla/policies", policy.formatted(team, "HIGH", calendar, "0"))
			.expectProblem(400, "invalid-field", "firstResponseMinutes");
		assertThat(count("sla_policy")).isEqualTo(policies);
		admin.post("/api/v1/sla/policies", policy.formatted(team, "HIGH", calendar, "30")).expect(201);
		assertProblemStatus(admin.post("/api/v1/sla/policies", policy.formatted(team, "HIGH", calendar, "45")), 409);
		assertProblemStatus(admin.delete("/api/v1/sla/calendars/" + calendar), 409);
		assertThat(count("sla_policy")).isEqualTo(policies + 1);

		Caller reader = withScopes(Permission.CONVERSATIONS_READ);
		assertProblemStatus(reader.post("/api/v1/sla/calendars", ROUND_THE_CLOCK), 403);
	}

	private void assertProblemStatus(Answer answer, int status) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private long breaches(String conversation) {
		return jdbc.sql("select count(*) from sla_breach where conversation_id = :id")
			.param("id", conversation)
			.query(Long.class)
			.single();
	}

	private static JsonNode clock(JsonNode clocks, String target) {
		for (JsonNode clock : clocks) {
			if (clock.path("target").asString().equals(target)) {
				return clock;
			}
		}
		throw new AssertionError("no " + target + " clock in " + clocks);
	}

	private String state(Caller caller, String conversation, String target) {
		JsonNode data = caller.get("/api/v1/conversations/" + conversation + "/sla").expect(200).path("data");
		for (JsonNode clock : data) {
			if (clock.path("target").asString().equals(target)) {
				return clock.path("state").asString();
			}
		}
		return "NONE";
	}

	private String writeKey;

	private String anonymousId;

	private String token;

	private String chat(String text) {
		Channels.Created web = channels.create(ChannelType.WEB, unique("Web"), null, java.util.Set.of());
		writeKey = writeKeyOf(web);
		anonymousId = "anon-" + UUID.randomUUID();
		JsonNode answer = say(text);
		token = answer.path("token").asString();
		return answer.path("conversationId").asString();
	}

	private void chatAgain(String text) {
		say(text);
	}

	private JsonNode say(String text) {
		String json = "{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"" + anonymousId + "\",\"text\":\"" + text
				+ "\"" + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
		return anonymous()
			.send("POST", "/chat/v1/messages", java.net.http.HttpRequest.BodyPublishers.ofString(json), "Content-Type",
					"text/plain")
			.expect(200);
	}

}
