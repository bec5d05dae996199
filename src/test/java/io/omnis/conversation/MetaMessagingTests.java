package io.omnis.conversation;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Http;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messenger and Instagram in Meta's webhook format: the handshake, signed messages in,
 * answers out through a fake Graph API on 127.0.0.1, delivery receipts.
 */
class MetaMessagingTests extends ConversationFixtures {

	static final String PAGE = "104857600000001";

	@Autowired
	Profiles profiles;

	FakeProvider graph;

	String appSecret;

	String verifyToken;

	String pageToken;

	Channels.Created social;

	String hook;

	Caller agent;

	@BeforeEach
	void messengerChannel() throws Exception {
		graph = new FakeProvider(request -> new FakeProvider.Reply(200,
				"{\"recipient_id\":\"1\",\"message_id\":\"m_" + UUID.randomUUID() + "\"}"));
		appSecret = "secret-" + UUID.randomUUID();
		verifyToken = "verify-" + UUID.randomUUID();
		pageToken = "EAAB" + UUID.randomUUID().toString().replace("-", "");
		social = channel(ChannelType.SOCIAL);
		hook = "/hooks/meta/" + social.channel().id().value();
		withScopes(Permission.CONVERSATIONS_MANAGE)
			.send("PUT", "/api/v1/conversations/channels/" + social.channel().id().value() + "/messaging",
					BodyPublishers.ofString("{\"provider\":\"META\",\"baseUrl\":\"" + graph.baseUrl()
							+ "\",\"appSecret\":\"" + appSecret + "\",\"verifyToken\":\"" + verifyToken
							+ "\",\"pageToken\":\"" + pageToken + "\"}"),
					"Content-Type", "application/json")
			.expect(200);
		agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
	}

	@AfterEach
	void stopGraph() {
		graph.close();
	}

	@Test
	void theSubscriptionHandshakeAnswersTheChallengeOnlyForTheRightVerifyToken() {
		Answer ok = anonymous()
			.get(hook + "?hub.mode=subscribe&hub.verify_token=" + verifyToken + "&hub.challenge=1158201444");
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.text()).isEqualTo("1158201444");
		assertProblem(anonymous().get(hook + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"), 403);
		assertProblem(
				anonymous().get(hook + "?hub.mode=unsubscribe&hub.verify_token=" + verifyToken + "&hub.challenge=1"),
				403);
		anonymous().get(hook + "?hub.mode=subscribe&hub.verify_token=" + verifyToken + "&hub.challenge=%3Cscript%3E")
			.expectProblem(400, "invalid-field", "hub.challenge");
		assertProblem(anonymous().get("/hooks/meta/" + channel(ChannelType.SOCIAL).channel().id().value()
				+ "?hub.mode=subscribe&hub.verify_token=" + verifyToken + "&hub.challenge=1"), 404);
	}

	@Test
	void aSignedMessengerMessageJoinsHerConversationOnceAndEchoesAreIgnored() {
		String psid = psid();
		String mid = "m_" + UUID.randomUUID();
		String body = page(event(psid, mid, "Do you ship to Madeira?"),
				"{\"sender\":{\"id\":\"" + PAGE + "\"},\"recipient\":{\"id\":\"" + psid
						+ "\"},\"timestamp\":1,\"message\":{\"mid\":\"m_echo\",\"is_echo\":true,\"text\":\"ours\"}}");
		Answer first = post(body, sign(body));
		assertThat(first.status()).as(first.text()).isEqualTo(200);
		assertThat(first.text()).isEqualTo("EVENT_RECEIVED");
		assertThat(post(body, sign(body)).status()).isEqualTo(200);

		Profile profile = profiles.lookup(new Identifier("messenger_psid", psid)).orElseThrow();
		JsonNode list = agent.get("/api/v1/conversations?profileId=" + profile.id()).expect(200).path("data");
		assertThat(list.size()).isEqualTo(1);
		JsonNode messages = messages(list.get(0).path("id").asString());
		assertThat(messages.size()).isEqualTo(1);
		assertThat(messages.get(0).path("body").asString()).isEqualTo("Do you ship to Madeira?");
		assertThat(messages.get(0).path("channelType").asString()).isEqualTo("SOCIAL");
	}

	@Test
	void anInstagramSenderIsKnownByHerInstagramScopedId() {
		String igsid = psid();
		String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000\",\"time\":1,\"messaging\":["
				+ event(igsid, "aWdfZAG" + UUID.randomUUID(), "Is the red one back in stock?") + "]}]}";
		assertThat(post(body, sign(body)).status()).isEqualTo(200);
		assertThat(profiles.lookup(new Identifier("instagram_id", igsid))).isPresent();
		assertThat(profiles.lookup(new Identifier("messenger_psid", igsid))).isEmpty();
	}

	@Test
	void forgedMissingOrAlteredSignaturesAreRefusedAndNothingIsStored() {
		String psid = psid();
		String body = page(event(psid, "m_" + UUID.randomUUID(), "Hi"));
		String good = sign(body);
		assertProblem(post(body, "sha256=" + "0".repeat(64)), 401);
		assertProblem(post(body, null), 401);
		assertProblem(post(body, good.substring("sha256=".length())), 401);
		String altered = body.replace("\"Hi\"", "\"Refund everything\"");
		assertProblem(post(altered, good), 401);
		assertProblem(post(body, "sha256=" + hmac("another-app", body)), 401);
		assertThat(profiles.lookup(new Identifier("messenger_psid", psid))).isEmpty();
		assertThat(post(body, good).status()).isEqualTo(200);
		assertThat(profiles.lookup(new Identifier("messenger_psid", psid))).isPresent();
	}

	@Test
	void malformedBatchesAreProblemsAndNothingOfThemIsStored() {
		String psid = psid();
		String notJson = "{\"object\":\"page\",\"entry\":[";
		post(notJson, sign(notJson)).expectProblem(400, "malformed-body");
		String other = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";
		post(other, sign(other)).expectProblem(400, "invalid-field", "object");
		String noSender = page(
				"{\"recipient\":{\"id\":\"" + PAGE + "\"},\"message\":{\"mid\":\"m_1\",\"text\":\"x\"}}");
		post(noSender, sign(noSender)).expectProblem(400, "invalid-field", "entry[0].messaging[0].sender.id");
		// One good message and one too long: the whole batch is refused
		String mixed = page(event(psid, "m_" + UUID.randomUUID(), "fine"),
				event(psid, "m_" + UUID.randomUUID(), "y".repeat(20_000)));
		post(mixed, sign(mixed)).expectProblem(400, "invalid-field", "Body");
		String noMid = page("{\"sender\":{\"id\":\"" + psid + "\"},\"message\":{\"text\":\"x\"}}");
		post(noMid, sign(noMid)).expectProblem(400, "invalid-field", "entry[0].messaging[0].message.mid");
		assertThat(profiles.lookup(new Identifier("messenger_psid", psid))).isEmpty();
	}

	@Test
	void anAnswerGoesOutThroughTheGraphApiAndADeliveryReceiptMarksItDelivered() {
		String psid = psid();
		String body = page(event(psid, "m_" + UUID.randomUUID(), "Where is my parcel?"));
		assertThat(post(body, sign(body)).status()).isEqualTo(200);
		Profile profile = profiles.lookup(new Identifier("messenger_psid", psid)).orElseThrow();
		String conversation = agent.get("/api/v1/conversations?profileId=" + profile.id())
			.expect(200)
			.path("data")
			.get(0)
			.path("id")
			.asString();
		String id = agent
			.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"It left our depot today\"}")
			.expect(201)
			.path("id")
			.asString();
		assertThat(delivery(conversation, id, "SENT")).isEqualTo("SENT");
		FakeProvider.Request sent = graph.requests.getFirst();
		assertThat(sent.method()).isEqualTo("POST");
		assertThat(sent.path()).isEqualTo("/v21.0/me/messages");
		assertThat(sent.query()).isEqualTo("access_token=" + pageToken);
		JsonNode json = Http.JSON.readTree(sent.body());
		assertThat(json.path("recipient").path("id").asString()).isEqualTo(psid);
		assertThat(json.path("messaging_type").asString()).isEqualTo("RESPONSE");
		assertThat(json.path("message").path("text").asString()).isEqualTo("It left our depot today");

		String mid = jdbc.sql("select external_id from messaging_message where message_id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		String receipt = page("{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + PAGE
				+ "\"},\"delivery\":{\"mids\":[\"" + mid + "\"],\"watermark\":1}}");
		assertThat(post(receipt, sign(receipt)).status()).isEqualTo(200);
		assertThat(delivery(conversation, id, "DELIVERED")).isEqualTo("DELIVERED");
	}

	@Test
	void anAnswerTheGraphApiRefusesIsMarkedFailed() {
		graph.answer = request -> new FakeProvider.Reply(400,
				"{\"error\":{\"message\":\"(#551) This person isn't available right now.\",\"code\":551}}");
		String psid = psid();
		String body = page(event(psid, "m_" + UUID.randomUUID(), "hello?"));
		assertThat(post(body, sign(body)).status()).isEqualTo(200);
		Profile profile = profiles.lookup(new Identifier("messenger_psid", psid)).orElseThrow();
		String conversation = agent.get("/api/v1/conversations?profileId=" + profile.id())
			.expect(200)
			.path("data")
			.get(0)
			.path("id")
			.asString();
		String id = agent.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Hi\"}")
			.expect(201)
			.path("id")
			.asString();
		assertThat(delivery(conversation, id, "FAILED")).isEqualTo("FAILED");
	}

	private String delivery(String conversation, String messageId, String expected) {
		return Poll.until(Duration.ofSeconds(20), () -> {
			for (JsonNode message : messages(conversation)) {
				if (message.path("id").asString().equals(messageId)) {
					return message.path("delivery").asString();
				}
			}
			return null;
		}, expected::equals);
	}

	private JsonNode messages(String conversation) {
		return agent.get("/api/v1/conversations/" + conversation + "/messages").expect(200).path("data");
	}

	static String psid() {
		return String.valueOf(2_000_000_000_000_000L + (long) (Math.random() * 1_000_000_000_000_000L));
	}

	static String event(String sender, String mid, String text) {
		return "{\"sender\":{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"" + PAGE
				+ "\"},\"timestamp\":1732300000000,\"message\":{\"mid\":\"" + mid + "\",\"text\":" + Json.quote(text)
				+ "}}";
	}

	static String page(String... events) {
		return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1732300000000,\"messaging\":["
				+ String.join(",", events) + "]}]}";
	}

	private String sign(String body) {
		return "sha256=" + hmac(appSecret, body);
	}

	/** Meta's scheme, written out here rather than borrowed from the code under test. */
	static String hmac(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Answer post(String body, String signature) {
		List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
		if (signature != null) {
			headers.addAll(List.of("X-Hub-Signature-256", signature));
		}
		return anonymous().send("POST", hook, BodyPublishers.ofString(body), headers.toArray(String[]::new));
	}

}
