package io.omnis.conversation.quality;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The satisfaction survey goes out once after resolution, in the chat, and is answered
 * once through its signed link; the measures count first-contact resolution, reopenings
 * and CSAT for agents, and the assistant's conversations apart.
 */
class SurveyAndMeasureTests extends RunningOmnis {

	static final Pattern LINK = Pattern.compile("/survey/([A-Za-z0-9_.\\-]+)");

	@Test
	void surveysGoOutOnceAndTheMeasuresKeepTheAssistantApart() {
		Caller agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
		String team = "csat-" + UUID.randomUUID().toString().substring(0, 8);

		// A: one question, one answer, resolved: first contact
		Chat a = new Chat("Where do I change my address?");
		a.team(agent, team);
		agent.post(a.path("/messages"), "{\"body\":\"In your account, under Addresses\"}").expect(201);
		agent.post(a.path("/resolve"), "").expect(200);
		String tokenA = surveyToken(agent, a);

		anonymous().post("/survey/" + tokenA + "/answer", "{\"rating\":7}")
			.expectProblem(400, "invalid-field", "rating");
		anonymous().post("/survey/" + tokenA.substring(0, tokenA.length() - 2) + "xx/answer", "{\"rating\":5}")
			.expectProblem(404, "not-found");
		assertThat(anonymous().post("/survey/" + tokenA + "/answer", "{\"rating\":4,\"comment\":\"Quick\"}")
			.expect(200)
			.path("rating")
			.asInt()).isEqualTo(4);
		anonymous().post("/survey/" + tokenA + "/answer", "{\"rating\":1}").expectProblem(409, "conflict");
		assertThat(agent.get(a.path("/survey")).expect(200).path("rating").asInt()).isEqualTo(4);

		// B: resolved, reopened, resolved again: still one survey
		Chat b = new Chat("My code does not work");
		b.team(agent, team);
		agent.post(b.path("/messages"), "{\"body\":\"Try this one\"}").expect(201);
		agent.post(b.path("/resolve"), "").expect(200);
		surveyToken(agent, b);
		agent.post(b.path("/reopen"), "").expect(200);
		agent.post(b.path("/resolve"), "").expect(200);
		Poll.until(Duration.ofSeconds(20),
				() -> jdbc.sql("select reopen_count from conversation where id = :id")
					.param("id", b.id)
					.query(Integer.class)
					.single(),
				count -> count == 1);

		// C: she had to write again after the answer: not first contact
		Chat c = new Chat("Is the blue one in stock?");
		c.team(agent, team);
		agent.post(c.path("/messages"), "{\"body\":\"Let me check\"}").expect(201);
		c.say("Any news?");
		agent.post(c.path("/messages"), "{\"body\":\"Yes, two left\"}").expect(201);
		agent.post(c.path("/resolve"), "").expect(200);
		surveyToken(agent, c);

		// D: the assistant answered alone
		Chat d = new Chat("Opening hours?");
		d.team(agent, team);
		agent.post(d.path("/messages"), "{\"body\":\"9 to 5\",\"author\":\"ASSISTANT\"}").expect(201);
		agent.post(d.path("/resolve"), "").expect(200);
		anonymous().post("/survey/" + surveyToken(agent, d) + "/answer", "{\"rating\":2}").expect(200);
		Poll.until(Duration.ofSeconds(20), () -> jdbc
			.sql("""
					select count(*) from conversation_message where conversation_id = :id and body like 'How did we do?%'""")
			.param("id", b.id)
			.query(Long.class)
			.single(), count -> count == 1);
		assertThat(jdbc.sql("select count(*) from csat_survey where conversation_id = :id")
			.param("id", b.id)
			.query(Long.class)
			.single()).isEqualTo(1);

		String today = LocalDate.now(ZoneOffset.UTC).toString();
		String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		JsonNode report = agent
			.get("/api/v1/conversation-measures?from=" + today + "&to=" + tomorrow + "&channel=CHAT&team=" + team)
			.expect(200);
		JsonNode agents = report.path("agents");
		assertThat(agents.path("opened").asLong()).isEqualTo(3);
		assertThat(agents.path("resolved").asLong()).isEqualTo(3);
		assertThat(agents.path("firstResponse").path("count").asLong()).isEqualTo(3);
		assertThat(agents.path("firstContactResolution").path("count").asLong()).isEqualTo(1);
		assertThat(agents.path("firstContactResolution").path("of").asLong()).isEqualTo(3);
		assertThat(agents.path("reopened").path("count").asLong()).isEqualTo(1);
		assertThat(agents.path("csat").path("sent").asLong()).isEqualTo(3);
		assertThat(agents.path("csat").path("answered").asLong()).isEqualTo(1);
		assertThat(agents.path("csat").path("average").asDouble()).isEqualTo(4.0);
		JsonNode assistant = report.path("assistantOnly");
		assertThat(assistant.path("resolved").asLong()).isEqualTo(1);
		assertThat(assistant.path("csat").path("average").asDouble()).isEqualTo(2.0);
		assertThat(report.path("daily").get(0).path("resolvedByAgents").asLong()).isEqualTo(3);

		assertThat(agent.get("/api/conversation-measures?team=" + team)
			.expect(200)
			.path("agents")
			.path("resolved")
			.asLong()).isEqualTo(3);
		agent.get("/api/v1/conversation-measures?from=yesterday").expectProblem(400, "invalid-parameter", "from");
		agent.get("/api/v1/conversation-measures?from=" + tomorrow + "&to=" + today)
			.expectProblem(400, "invalid-parameter", "from");
		agent.get("/api/v1/conversation-measures?channel=PIGEON").expectProblem(400, "invalid-parameter", "channel");
		agent.get("/api/v1/conversation-measures?from=2020-01-01&to=2026-01-01")
			.expectProblem(400, "invalid-parameter", "to");
	}

	private String surveyToken(Caller agent, Chat chat) {
		JsonNode survey = Poll
			.until(Duration.ofSeconds(20), () -> agent.get(chat.path("/survey")), answer -> answer.status() == 200)
			.json();
		assertThat(survey.path("state").asString()).isEqualTo("SENT");
		JsonNode messages = Poll.until(Duration.ofSeconds(20),
				() -> agent.get(chat.path("/messages?limit=200")).expect(200).path("data"),
				data -> LINK.matcher(data.toString()).find());
		for (JsonNode message : messages) {
			Matcher link = LINK.matcher(message.path("body").asString());
			if (link.find()) {
				assertThat(message.path("authorKind").asString()).isEqualTo("SYSTEM");
				return link.group(1);
			}
		}
		throw new AssertionError("no survey link in " + messages);
	}

	/** A visitor chatting through a new web channel. */
	final class Chat {

		final String writeKey;

		final String anonymousId = "anon-" + UUID.randomUUID();

		String token;

		final String id;

		Chat(String first) {
			writeKey = writeKeyOf(channels.create(ChannelType.WEB, unique("Web"), null, Set.of()));
			id = say(first).path("conversationId").asString();
		}

		JsonNode say(String text) {
			String json = "{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"" + anonymousId + "\",\"text\":\""
					+ text + "\"" + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
			JsonNode answer = anonymous()
				.send("POST", "/chat/v1/messages", java.net.http.HttpRequest.BodyPublishers.ofString(json),
						"Content-Type", "text/plain")
				.expect(200);
			token = answer.path("token").asString();
			return answer;
		}

		String path(String rest) {
			return "/api/v1/conversations/" + id + rest;
		}

		void team(Caller caller, String team) {
			caller.patch(path(""), "{\"team\":\"" + team + "\"}").expect(200);
		}

	}

}
