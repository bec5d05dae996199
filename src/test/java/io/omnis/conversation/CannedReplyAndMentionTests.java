package io.omnis.conversation;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.CustomerActivity;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canned replies filled from the customer 360 when inserted, refused when they name a
 * variable Omnis does not know; and colleagues mentioned in private notes, told at once,
 * with a note naming a stranger refused.
 */
class CannedReplyAndMentionTests extends ConversationFixtures {

	@Autowired
	Staff staff;

	@Autowired
	Agents agents;

	@Autowired
	Profiles profiles;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	Caller manager;

	Caller sms;

	String webWriteKey;

	@BeforeEach
	void callers() {
		manager = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE,
				Permission.CONVERSATIONS_MANAGE);
		sms = bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)));
		webWriteKey = writeKeyOf(channel(ChannelType.WEB));
	}

	@Test
	void aCannedReplyIsFilledFromTheCustomer360AndTheAgentWhenInserted() {
		String email = "ana-" + UUID.randomUUID() + "@example.com";
		String profileId = identify(email, "{\"firstName\":\"Ana\",\"lastName\":\"Lima\"}");
		String order = io.omnis.kernel.Ids.next("ord");
		transactions.executeWithoutResult(status -> events.publishEvent(new CustomerActivity(profileId, Instant.now(),
				"order.placed", null, "Order " + order + " placed, 1 item", order)));
		String conversation = write(email, "Where is my order?");
		JsonNode reply = manager
			.post("/api/v1/conversations/canned-replies",
					"""
							{"title": "Order on its way", "body": "Hello {{customer.firstName}} {{ customer.lastName }}, your order \
							{{order.latestNumber}} left today. {{agent.firstName}} ({{agent.name}})"}""")
			.expect(201);
		String replyId = reply.path("id").asString();
		assertThat(reply.path("teamId").isNull()).isTrue();

		AgentLogin ida = agentLogin("Ida Sousa");
		JsonNode filled = Poll.until(Duration.ofSeconds(20),
				() -> console(ida.session()).get("/api/v1/conversations/" + conversation + "/canned-replies/" + replyId)
					.expect(200),
				answer -> answer.path("missing").isEmpty());
		assertThat(filled.path("text").asString())
			.isEqualTo("Hello Ana Lima, your order " + order + " left today. Ida (Ida Sousa)");

		// Someone the 360 knows little of: what is not known is left empty and named
		String stranger = write("nobody-" + UUID.randomUUID() + "@example.com", "Hi");
		JsonNode partial = console(ida.session())
			.get("/api/v1/conversations/" + stranger + "/canned-replies/" + replyId)
			.expect(200);
		assertThat(partial.path("text").asString()).isEqualTo("Hello  , your order  left today. Ida (Ida Sousa)");
		assertThat(partial.path("missing").toString())
			.isEqualTo("[\"customer.firstName\",\"customer.lastName\",\"order.latestNumber\"]");
	}

	@Test
	void aCannedReplyNamingAnUnknownVariableOrBadlyWrittenIsRefusedWhenSaved() {
		long before = count("canned_reply");
		JsonNode problem = manager
			.post("/api/v1/conversations/canned-replies",
					"{\"title\":\"Shoes\",\"body\":\"Hi {{customer.firstName}}, size {{customer.shoeSize}}\"}")
			.expectProblem(400, "invalid-field", "body");
		assertThat(problem.path("unknownVariables").toString()).isEqualTo("[\"customer.shoeSize\"]");
		manager
			.post("/api/v1/conversations/canned-replies", "{\"title\":\"Open\",\"body\":\"Hi {{customer.firstName\"}")
			.expectProblem(400, "invalid-field", "body");
		manager.post("/api/v1/conversations/canned-replies", "{\"title\":\"Empty\",\"body\":\"Hi {{}}\"}")
			.expectProblem(400, "invalid-field", "body");
		manager.post("/api/v1/conversations/canned-replies", "{\"title\":\"Blank\",\"body\":\"   \"}")
			.expectProblem(400, "invalid-field", "body");
		manager.post("/api/v1/conversations/canned-replies", "{\"body\":\"Hi\"}")
			.expectProblem(400, "invalid-field", "title");
		manager.post("/api/v1/conversations/canned-replies", "{\"title\":\"T\",\"body\":\"Hi\",\"teamId\":\"team_x\"}")
			.expectProblem(400, "invalid-field", "teamId");
		withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE)
			.post("/api/v1/conversations/canned-replies", "{\"title\":\"T\",\"body\":\"Hi\"}")
			.expectProblem(403, "forbidden");
		assertThat(count("canned_reply")).isEqualTo(before);

		String id = manager.post("/api/v1/conversations/canned-replies", "{\"title\":\"T\",\"body\":\"Hi\"}")
			.expect(201)
			.path("id")
			.asString();
		TeamRoutingTests
			.put(manager, "/api/v1/conversations/canned-replies/" + id,
					"{\"title\":\"T\",\"body\":\"Hi {{agent.nickname}}\"}")
			.expectProblem(400, "invalid-field", "body");
		assertThat(manager.get("/api/v1/conversations/canned-replies/" + id).expect(200).path("body").asString())
			.isEqualTo("Hi");
		manager.delete("/api/v1/conversations/canned-replies/" + id).expect(204);
		manager.get("/api/v1/conversations/canned-replies/" + id).expectProblem(404, "not-found");
	}

	@Test
	void teamRepliesAreListedApartFromTheGlobalOnes() {
		AgentLogin member = agentLogin("Member");
		String team = manager
			.post("/api/v1/conversations/teams",
					"{\"name\":" + Json.quote(unique("Canned")) + ",\"members\":[\"" + member.staffId() + "\"]}")
			.expect(201)
			.path("id")
			.asString();
		String teamReply = manager
			.post("/api/v1/conversations/canned-replies",
					"{\"title\":\"Team\",\"body\":\"Team text\",\"teamId\":\"" + team + "\"}")
			.expect(201)
			.path("id")
			.asString();
		JsonNode ofTeam = manager.get("/api/v1/conversations/canned-replies?team=" + team).expect(200);
		assertThat(ofTeam.path("data").size()).isEqualTo(1);
		assertThat(ofTeam.path("data").path(0).path("id").asString()).isEqualTo(teamReply);
		JsonNode global = manager.get("/api/v1/conversations/canned-replies?team=global&limit=200").expect(200);
		global.path("data").forEach(reply -> assertThat(reply.path("teamId").isNull()).isTrue());
	}

	@Test
	void aColleagueMentionedInAPrivateNoteIsToldAtOnceAndFindsItInHerMentions() throws Exception {
		AgentLogin writer = agentLogin("Writer");
		AgentLogin bob = agentLogin("Bob");
		AgentLogin carla = agentLogin("Carla");
		String conversation = write("cust-" + UUID.randomUUID() + "@example.com", "My lamp is broken");

		BlockingQueue<String> heard = new LinkedBlockingQueue<>();
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest stream = HttpRequest.newBuilder(base().resolve("/console/conversations/stream"))
			.header("Cookie", bob.session().cookie())
			.header("Accept", "text/event-stream")
			.build();
		Thread listener = Thread.ofVirtual().start(() -> {
			try {
				HttpResponse<Stream<String>> answer = http.send(stream, BodyHandlers.ofLines());
				heard.add("status:" + answer.statusCode());
				answer.body().forEach(heard::add);
			}
			catch (IOException | InterruptedException ex) {
				heard.add("closed:" + ex);
			}
		});
		try {
			assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("status:200");
			JsonNode note = console(writer.session())
				.post("/api/v1/conversations/" + conversation + "/messages",
						"{\"body\":\"@" + bob.username() + " can you check the photo? Ask @" + carla.username()
								+ ". Mail: someone@" + bob.username() + ".com\",\"privateNote\":true}")
				.expect(201);

			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			String told = null;
			while (told == null && System.nanoTime() < deadline) {
				String line = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if ("event:mention".equals(line)) {
					String data = heard.poll(1, TimeUnit.SECONDS);
					if (data != null && data.contains(bob.staffId())) {
						told = data;
					}
				}
			}
			assertThat(told).as("bob's console heard of the mention").isNotNull().contains(conversation);
			assertThat(told).contains(note.path("id").asString());
		}
		finally {
			listener.interrupt();
		}

		JsonNode mine = console(bob.session()).get("/api/v1/conversations/mentions?unread=true").expect(200);
		assertThat(mine.path("data").size()).isEqualTo(1);
		JsonNode mention = mine.path("data").path(0);
		assertThat(mention.path("conversationId").asString()).isEqualTo(conversation);
		assertThat(mention.path("byName").asString()).isEqualTo("Writer");
		assertThat(mention.path("note").asString()).startsWith("@" + bob.username() + " can you check");
		assertThat(console(carla.session()).get("/api/v1/conversations/mentions").expect(200).path("data").size())
			.isEqualTo(1);
		assertThat(console(writer.session()).get("/api/v1/conversations/mentions").expect(200).path("data").size())
			.isZero();
		console(bob.session()).post("/api/v1/conversations/mentions/" + mention.path("id").asString() + "/read", "")
			.expect(204);
		assertThat(console(bob.session()).get("/api/v1/conversations/mentions?unread=true")
			.expect(200)
			.path("data")
			.size()).isZero();
		console(carla.session()).post("/api/v1/conversations/mentions/" + mention.path("id").asString() + "/read", "")
			.expectProblem(404, "not-found");
		manager.get("/api/v1/conversations/mentions?staffId=" + bob.staffId()).expect(200);
		manager.get("/api/v1/conversations/mentions").expectProblem(400, "invalid-parameter", "staffId");
	}

	@Test
	void aNoteMentioningSomeoneWhoIsNotAColleagueIsRefusedAndNotStored() {
		AgentLogin writer = agentLogin("Writer");
		String conversation = write("cust-" + UUID.randomUUID() + "@example.com", "Hello");
		int messages = messages(conversation);
		long mentions = count("conversation_mention");
		console(writer.session())
			.post("/api/v1/conversations/" + conversation + "/messages",
					"{\"body\":\"@nobody-" + UUID.randomUUID().toString().substring(0, 8)
							+ " please look\",\"privateNote\":true}")
			.expectProblem(400, "invalid-field", "body");
		assertThat(messages(conversation)).isEqualTo(messages);
		assertThat(count("conversation_mention")).isEqualTo(mentions);

		// An e-mail address is not a mention
		console(writer.session())
			.post("/api/v1/conversations/" + conversation + "/messages",
					"{\"body\":\"She wrote from ana@example.com\",\"privateNote\":true}")
			.expect(201);
		assertThat(count("conversation_mention")).isEqualTo(mentions);
	}

	private int messages(String conversation) {
		return jdbc.sql("select count(*) from conversation_message where conversation_id = :id")
			.param("id", conversation)
			.query(Integer.class)
			.single();
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private record AgentLogin(String staffId, String username, ConsoleSession session) {
	}

	private AgentLogin agentLogin(String displayName) {
		String username = "ag-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "agent-password-" + username;
		staff.create(username, displayName, Role.AGENT, password);
		String staffId = agents.presenceOf(username, Presence.OFFLINE).staffId();
		return new AgentLogin(staffId, username, signIn(username, password));
	}

	private String identify(String email, String traits) {
		String merged = traits.substring(0, traits.length() - 1) + ",\"email\":\"" + email + "\"}";
		anonymous()
			.send("POST", "/v1/identify",
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"userId\":\"u-" + UUID.randomUUID()
							+ "\",\"messageId\":\"m-" + UUID.randomUUID() + "\",\"traits\":" + merged + "}"),
					"Authorization", basic(webWriteKey), "Content-Type", "application/json")
			.expect(200);
		return Poll
			.until(Duration.ofSeconds(20), () -> profiles.lookup(new Identifier("email", email)),
					found -> found.isPresent())
			.orElseThrow()
			.id();
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
