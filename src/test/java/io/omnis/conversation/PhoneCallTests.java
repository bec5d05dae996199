package io.omnis.conversation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls reported by a telephony system: the ringing call reaches every open console at
 * once with the caller's profile, and the call, its outcome and the agent's notes join
 * her conversation.
 */
class PhoneCallTests extends ConversationFixtures {

	@Autowired
	Profiles profiles;

	@Autowired
	Staff staff;

	@Autowired
	Agents agents;

	@Test
	void aRingingCallReachesTheConsoleWithTheCallersProfileAndTheCallJoinsHerConversation() throws Exception {
		String phone = TwilioMessagingTests.phone();
		String email = "rosa-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		// She wrote before, from her mail client, and her account knows her phone
		var web = channel(ChannelType.WEB);
		anonymous()
			.send("POST", "/v1/batch",
					BodyPublishers.ofString("{\"batch\":[{\"type\":\"identify\"," + "\"userId\":\"u-" + email
							+ "\",\"messageId\":\"m-" + email + "\",\"traits\":{\"email\":\"" + email
							+ "\",\"phone\":\"" + phone + "\",\"name\":\"Rosa\"}}]}"),
					"Authorization", basic(writeKeyOf(web)), "Content-Type", "application/json")
			.expect(200);
		Poll.until(Duration.ofSeconds(20), () -> profiles.lookup(new Identifier("phone", phone)), p -> p.isPresent());
		Profile rosa = profiles.lookup(new Identifier("phone", phone)).orElseThrow();
		JsonNode mailed = postMail(mailWebhook(), mail("Rosa <" + email + ">",
				"<" + UUID.randomUUID() + "@example.com>", "Wrong size", "", "The shoes are too small"))
			.expect(201);
		String conversation = mailed.path("conversationId").asString();

		String username = "caio-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(username, "Caio Agent", Role.AGENT, "caio-agent-password");
		// Away: an agent, who gets no routed work while this test runs
		String staffId = agents.presenceOf(username, Presence.AWAY).staffId();

		// An agent's console is open on the inbox stream
		var session = signIn("admin", ADMIN_PASSWORD);
		List<String> heard = new CopyOnWriteArrayList<>();
		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<HttpResponse<Stream<String>>> stream = client
			.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/console/conversations/stream"))
				.header("Cookie", session.cookie())
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofLines());
		HttpResponse<Stream<String>> open = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(open.statusCode()).isEqualTo(200);
		Thread reader = Thread.ofVirtual().start(() -> open.body().forEach(heard::add));

		Caller telephony = bearer(secretOf(channel(ChannelType.CALL_CENTER, Permission.CONVERSATIONS_WRITE)));
		String callId = "CA" + UUID.randomUUID().toString().replace("-", "");
		JsonNode ringing = telephony
			.post("/api/v1/calls/" + callId + "/events",
					"{\"type\":\"ringing\",\"from\":\"" + phone + "\",\"to\":\"+15550009999\"}")
			.expect(200);
		assertThat(ringing.path("status").asString()).isEqualTo("RINGING");
		assertThat(ringing.path("profileId").asString()).isEqualTo(rosa.id());
		assertThat(ringing.path("conversationId").asString()).isEqualTo(conversation);
		Poll.until(Duration.ofSeconds(10), () -> String.join("\n", heard),
				text -> text.contains("event:call") && text.contains(rosa.id()) && text.contains("RINGING"));

		// The calls panel the console reloads on that event shows her 360
		String panel = console(session).get("/console/calls/live").text();
		assertThat(panel).contains("Rosa", phone, email, "/console/customers/" + rosa.id(),
				"/console/conversations/" + conversation);

		telephony.post("/api/v1/calls/" + callId + "/events", "{\"type\":\"answered\",\"agentId\":\"" + staffId + "\"}")
			.expect(200);
		String ended = "{\"type\":\"ended\",\"disposition\":\"exchange arranged\",\"recordingUrl\":"
				+ "\"https://recordings.example.com/" + callId + ".mp3\",\"notes\":\"Sending size 39 tomorrow\"}";
		JsonNode end = telephony.post("/api/v1/calls/" + callId + "/events", ended).expect(200);
		assertThat(end.path("status").asString()).isEqualTo("ENDED");
		assertThat(end.path("agentId").asString()).isEqualTo(staffId);
		// Reported twice: nothing more
		telephony.post("/api/v1/calls/" + callId + "/events", ended).expect(200);
		Poll.until(Duration.ofSeconds(10), () -> String.join("\n", heard), text -> text.contains("ENDED"));
		assertThat(console(session).get("/console/calls/live").text()).doesNotContain(callId);

		Caller agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
		JsonNode thread = agent.get("/api/v1/conversations/" + conversation + "/messages").expect(200).path("data");
		List<String> bodies = StreamSupport.stream(thread.spliterator(), false)
			.map(m -> m.path("channelType").asString() + "|" + m.path("privateNote").asBoolean() + "|"
					+ m.path("authorName").asString() + "|" + m.path("body").asString())
			.toList();
		assertThat(bodies).hasSize(4);
		assertThat(bodies.get(0)).startsWith("EMAIL|false");
		assertThat(bodies.get(1)).isEqualTo("CALL_CENTER|false|" + phone + "|Phone call from " + phone);
		assertThat(bodies.get(2)).startsWith("CALL_CENTER|true|Omnis|Phone call from " + phone + ", 0 min")
			.contains("disposition: exchange arranged", "recording: https://recordings.example.com/" + callId);
		assertThat(bodies.get(3)).isEqualTo("CALL_CENTER|true|Caio Agent|Sending size 39 tomorrow");
		reader.interrupt();
	}

	@Test
	void callsFromAnotherKindOfChannelOrWithBadFieldsAreRefusedAndNothingIsStored() {
		String phone = TwilioMessagingTests.phone();
		Caller telephony = bearer(secretOf(channel(ChannelType.CALL_CENTER, Permission.CONVERSATIONS_WRITE)));
		String path = "/api/v1/calls/CA-" + UUID.randomUUID() + "/events";
		bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)))
			.post(path, "{\"type\":\"ringing\",\"from\":\"" + phone + "\"}")
			.expectProblem(403, "forbidden");
		telephony.post(path, "{\"from\":\"" + phone + "\"}").expectProblem(400, "invalid-field", "type");
		telephony.post(path, "{\"type\":\"dialling\",\"from\":\"" + phone + "\"}")
			.expectProblem(400, "invalid-field", "type");
		telephony.post(path, "{\"type\":\"ringing\",\"from\":\"anonymous\"}")
			.expectProblem(400, "invalid-field", "from");
		telephony.post(path, "{\"type\":\"ringing\"}").expectProblem(400, "invalid-field", "from");
		telephony.post(path, "{\"type\":\"ended\",\"from\":\"" + phone + "\",\"recordingUrl\":\"javascript:alert(1)\"}")
			.expectProblem(400, "invalid-field", "recordingUrl");
		telephony.post(path, "{\"type\":\"answered\",\"from\":\"" + phone + "\",\"agentId\":\"stf_nobody\"}")
			.expectProblem(400, "invalid-field", "agentId");
		telephony.post(path, "{\"type\":\"ended\",\"from\":\"" + phone + "\",\"notes\":\"" + "n".repeat(6000) + "\"}")
			.expectProblem(400, "invalid-field", "notes");
		telephony.post(path, "{\"type\":\"ringing\",").expectProblem(400, "malformed-body");
		assertThat(profiles.lookup(new Identifier("phone", phone))).isEmpty();
		assertThat(jdbc.sql("select count(*) from phone_call where caller = :phone")
			.param("phone", phone)
			.query(Long.class)
			.single()).isZero();
	}

}
