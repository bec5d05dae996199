package io.omnis.conversation;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS and WhatsApp in Twilio's format: signed webhooks in, answers out through a fake
 * Twilio on 127.0.0.1, delivery statuses, and STOP and START.
 */
class TwilioMessagingTests extends ConversationFixtures {

	static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

	static final String SENDER = "+15550001000";

	@Autowired
	Profiles profiles;

	FakeProvider twilio;

	String authToken;

	Channels.Created sms;

	String hook;

	Caller agent;

	@BeforeEach
	void twilioChannel() throws Exception {
		twilio = new FakeProvider(request -> new FakeProvider.Reply(201,
				"{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":\"queued\"}"));
		authToken = "token-" + UUID.randomUUID();
		sms = channel(ChannelType.SMS);
		hook = "/hooks/twilio/" + sms.channel().id().value();
		Caller manager = withScopes(Permission.CONVERSATIONS_MANAGE);
		JsonNode saved = manager
			.send("PUT", "/api/v1/conversations/channels/" + sms.channel().id().value() + "/messaging",
					BodyPublishers.ofString("{\"provider\":\"TWILIO\",\"baseUrl\":\"" + twilio.baseUrl()
							+ "\",\"accountSid\":\"" + ACCOUNT + "\",\"authToken\":\"" + authToken
							+ "\",\"fromAddress\":\"" + SENDER + "\"}"),
					"Content-Type", "application/json")
			.expect(200);
		assertThat(saved.path("authTokenHint").asString()).isEqualTo("…" + authToken.substring(authToken.length() - 4));
		assertThat(saved.toString()).doesNotContain(authToken);
		agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
	}

	@AfterEach
	void stopTwilio() {
		twilio.close();
	}

	@Test
	void aSignedSmsJoinsHerConversationOnceHoweverOftenTwilioDeliversIt() {
		String phone = phone();
		Map<String, String> params = sms(phone, "My order has not arrived", "SM" + suffix());
		Answer first = post(hook, params, sign(hook, params));
		assertThat(first.status()).as(first.text()).isEqualTo(200);
		assertThat(first.contentType()).startsWith("text/xml");
		assertThat(first.text()).contains("<Response></Response>");
		Answer again = post(hook, params, sign(hook, params));
		assertThat(again.status()).isEqualTo(200);

		Profile profile = profiles.lookup(new Identifier("phone", phone)).orElseThrow();
		JsonNode list = agent.get("/api/v1/conversations?profileId=" + profile.id()).expect(200);
		assertThat(list.path("data").size()).isEqualTo(1);
		JsonNode messages = agent
			.get("/api/v1/conversations/" + list.path("data").get(0).path("id").asString() + "/messages")
			.expect(200)
			.path("data");
		assertThat(messages.size()).isEqualTo(1);
		assertThat(messages.get(0).path("body").asString()).isEqualTo("My order has not arrived");
		assertThat(messages.get(0).path("channelType").asString()).isEqualTo("SMS");
		assertThat(messages.get(0).path("channelId").asString()).isEqualTo(sms.channel().id().value());
	}

	@Test
	void forgedMissingOrAlteredSignaturesAreRefusedAndNothingIsStored() {
		String phone = phone();
		Map<String, String> params = sms(phone, "Send me your password", "SM" + suffix());
		String good = sign(hook, params);

		assertProblem(post(hook, params, "bm90IGEgc2lnbmF0dXJl"), 401);
		assertProblem(post(hook, params, null), 401);
		// The same signature over a body changed on the way (a replay with another text)
		Map<String, String> altered = new LinkedHashMap<>(params);
		altered.put("Body", "Refund me 1000 euros");
		assertProblem(post(hook, altered, good), 401);
		// Signed with another channel's token
		String otherToken = "someone-else";
		assertProblem(post(hook, params, sign(otherToken, base() + hook, params)), 401);
		// Signed for another URL (another channel's webhook)
		assertProblem(post(hook, params, sign("/hooks/twilio/ch_other", params)), 401);

		assertThat(profiles.lookup(new Identifier("phone", phone))).isEmpty();
		assertThat(storedFor(params.get("MessageSid"))).isZero();
		assertThat(post(hook, params, good).status()).isEqualTo(200);
		assertThat(storedFor(params.get("MessageSid"))).isOne();
	}

	@Test
	void malformedMessagesAreProblemsNamingTheFieldAndNothingIsStored() {
		String phone = phone();
		Map<String, String> noFrom = sms(phone, "Hello", "SM" + suffix());
		noFrom.remove("From");
		post(hook, noFrom, sign(hook, noFrom)).expectProblem(400, "invalid-field", "From");

		Map<String, String> notAPhone = sms(phone, "Hello", "SM" + suffix());
		notAPhone.put("From", "call-me-maybe");
		post(hook, notAPhone, sign(hook, notAPhone)).expectProblem(400, "invalid-field", "From");

		Map<String, String> noSid = sms(phone, "Hello", "");
		post(hook, noSid, sign(hook, noSid)).expectProblem(400, "invalid-field", "MessageSid");

		Map<String, String> huge = sms(phone, "x".repeat(20_000), "SM" + suffix());
		post(hook, huge, sign(hook, huge)).expectProblem(400, "invalid-field", "Body");

		Map<String, String> badMedia = sms(phone, "photo", "SM" + suffix());
		badMedia.put("NumMedia", "1");
		badMedia.put("MediaUrl0", "javascript:alert(1)");
		post(hook, badMedia, sign(hook, badMedia)).expectProblem(400, "invalid-field", "MediaUrl0");

		Map<String, String> empty = sms(phone, "   ", "SM" + suffix());
		post(hook, empty, sign(hook, empty)).expectProblem(400, "invalid-field", "Body");

		assertThat(profiles.lookup(new Identifier("phone", phone))).isEmpty();
		for (Map<String, String> refused : List.of(huge, badMedia, empty)) {
			assertThat(storedFor(refused.get("MessageSid"))).isZero();
		}
		// Corrected, the same MessageSid is taken in: a refusal keeps no claim on it
		huge.put("Body", "shorter now");
		assertThat(post(hook, huge, sign(hook, huge)).status()).isEqualTo(200);
		assertThat(storedFor(huge.get("MessageSid"))).isOne();

		// An unknown channel, or one not set up for Twilio, is a 404
		post("/hooks/twilio/ch_unknown", huge, sign("/hooks/twilio/ch_unknown", huge)).expectProblem(404, "not-found");
		String plain = "/hooks/twilio/" + channel(ChannelType.SMS).channel().id().value();
		post(plain, huge, sign(plain, huge)).expectProblem(404, "not-found");
	}

	@Test
	void theSameMessageDeliveredManyTimesAtOnceIsStoredOnce() throws Exception {
		String phone = phone();
		Map<String, String> params = sms(phone, "Hello from a flaky network", "SM" + suffix());
		String signature = sign(hook, params);
		int threads = 8;
		var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
		var start = new java.util.concurrent.CountDownLatch(1);
		List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			answers.add(pool.submit(() -> {
				start.await();
				return post(hook, params, signature).status();
			}));
		}
		start.countDown();
		for (var answer : answers) {
			assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
		}
		pool.shutdown();
		assertThat(storedFor(params.get("MessageSid"))).isOne();
		assertThat(messagesOf(conversationOf(phone)).size()).isEqualTo(1);
	}

	@Test
	void aWebhookBodyLargerThanTheLimitIsRefusedUnread() {
		Map<String, String> params = sms(phone(), "z".repeat(70_000), "SM" + suffix());
		post(hook, params, sign(hook, params)).expectProblem(413, "payload-too-large");
		assertThat(storedFor(params.get("MessageSid"))).isZero();
	}

	@Test
	void aPhotoArrivesAsLinksToItsFiles() {
		String phone = phone();
		Map<String, String> params = sms(phone, "", "MM" + suffix());
		params.put("NumMedia", "1");
		params.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT + "/Messages/MM1/Media/ME1");
		params.put("MediaContentType0", "image/jpeg");
		assertThat(post(hook, params, sign(hook, params)).status()).isEqualTo(200);
		JsonNode message = lastMessageOf(phone);
		assertThat(message.path("body").asString()).isEqualTo("[image/jpeg] " + params.get("MediaUrl0"));
	}

	@Test
	void stopAndStartChangeHerSmsConsentAreAcknowledgedAndNeverReachAnAgent() {
		String phone = phone();
		Map<String, String> hello = sms(phone, "Is my parcel coming today?", "SM" + suffix());
		deliver(hook, hello);
		String conversation = conversationOf(phone);

		Map<String, String> stop = sms(phone, " stop ", "SM" + suffix());
		Answer stopped = post(hook, stop, sign(hook, stop));
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(stopped.text()).contains("<Message>You are unsubscribed");
		Profile profile = profiles.lookup(new Identifier("phone", phone)).orElseThrow();
		assertThat(profile.consent().path("sms_marketing").path("granted").asBoolean(true)).isFalse();
		assertThat(profiles.consentLedger(profile.id(), 10)).isNotEmpty();
		assertThat(messagesOf(conversation).size()).isEqualTo(1);

		// While she has opted out, Omnis does not text her
		agent.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Yes, before 6pm\"}")
			.expectProblem(409, "conflict");
		assertThat(messagesOf(conversation).size()).isEqualTo(1);
		assertThat(twilio.requests).isEmpty();

		for (String keyword : List.of("UNSUBSCRIBE", "Cancel", "END", "QUIT", "STOPALL")) {
			Map<String, String> again = sms(phone, keyword, "SM" + suffix());
			assertThat(post(hook, again, sign(hook, again)).text()).contains("unsubscribed");
		}

		Map<String, String> start = sms(phone, "START", "SM" + suffix());
		Answer started = post(hook, start, sign(hook, start));
		assertThat(started.text()).contains("<Message>You are subscribed again");
		assertThat(profiles.get(profile.id()).consent().path("sms_marketing").path("granted").asBoolean()).isTrue();
		// The keyword delivered twice is acknowledged, not applied twice
		assertThat(post(hook, start, sign(hook, start)).text()).doesNotContain("<Message>");
		assertThat(messagesOf(conversation).size()).isEqualTo(1);

		agent.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Yes, before 6pm\"}").expect(201);
		Poll.until(Duration.ofSeconds(20), () -> twilio.requests.size(), size -> size == 1);
	}

	@Test
	void anAnswerGoesOutThroughTwilioAndItsDeliveryFollowsTheStatusCallbacks() {
		String phone = phone();
		Map<String, String> hello = sms(phone, "Can I change my delivery address?", "SM" + suffix());
		deliver(hook, hello);
		String conversation = conversationOf(phone);

		JsonNode answer = agent
			.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Yes: reply with the new one\"}")
			.expect(201);
		assertThat(answer.path("channelType").asString()).isEqualTo("SMS");
		assertThat(answer.path("channelId").asString()).isEqualTo(sms.channel().id().value());
		String messageId = answer.path("id").asString();
		assertThat(deliveryOf(conversation, messageId, "QUEUED")).isEqualTo("QUEUED");

		FakeProvider.Request sent = twilio.requests.getFirst();
		assertThat(sent.method()).isEqualTo("POST");
		assertThat(sent.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
		assertThat(sent.header("Authorization")).isEqualTo("Basic "
				+ Base64.getEncoder().encodeToString((ACCOUNT + ":" + authToken).getBytes(StandardCharsets.UTF_8)));
		assertThat(sent.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		Map<String, String> form = form(sent.body());
		assertThat(form).containsEntry("To", phone)
			.containsEntry("From", SENDER)
			.containsEntry("Body", "Yes: reply with the new one");
		String sid = sidOf(messageId);

		String statusHook = hook + "/status";
		assertThat(post(statusHook, status(sid, "sent"), sign(statusHook, status(sid, "sent"))).status())
			.isEqualTo(204);
		assertThat(deliveryOf(conversation, messageId, "SENT")).isEqualTo("SENT");
		post(statusHook, status(sid, "delivered"), sign(statusHook, status(sid, "delivered")));
		assertThat(deliveryOf(conversation, messageId, "DELIVERED")).isEqualTo("DELIVERED");
		// A late "sent" does not move it back
		post(statusHook, status(sid, "sent"), sign(statusHook, status(sid, "sent")));
		assertThat(deliveryOf(conversation, messageId, "DELIVERED")).isEqualTo("DELIVERED");
		// A forged status changes nothing
		assertProblem(post(statusHook, status(sid, "failed"), "Zm9yZ2Vk"), 401);
		assertThat(deliveryOf(conversation, messageId, "DELIVERED")).isEqualTo("DELIVERED");
		Map<String, String> unknown = status("SM" + suffix(), "delivered");
		post(statusHook, unknown, sign(statusHook, unknown)).expectProblem(400, "invalid-field", "MessageSid");

		// A second answer that the handset never gets
		String second = agent.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Still there?\"}")
			.expect(201)
			.path("id")
			.asString();
		deliveryOf(conversation, second, "QUEUED");
		Map<String, String> undelivered = status(sidOf(second), "undelivered");
		undelivered.put("ErrorCode", "30003");
		post(statusHook, undelivered, sign(statusHook, undelivered));
		assertThat(deliveryOf(conversation, second, "UNDELIVERED")).isEqualTo("UNDELIVERED");
	}

	@Test
	void anAnswerTwilioRefusesIsMarkedFailedWithItsReason() {
		twilio.answer = request -> new FakeProvider.Reply(400,
				"{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");
		String phone = phone();
		Map<String, String> hello = sms(phone, "hello", "SM" + suffix());
		deliver(hook, hello);
		String conversation = conversationOf(phone);
		String id = agent.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Hi!\"}")
			.expect(201)
			.path("id")
			.asString();
		assertThat(deliveryOf(conversation, id, "FAILED")).isEqualTo("FAILED");
		assertThat(jdbc.sql("select delivery_error from conversation_message where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).contains("21211");
	}

	@Test
	void whatsAppSendersCanBeKnownByTheirOwnIdentifierAndAreAnsweredOnWhatsApp() {
		Channels.Created whatsapp = channel(ChannelType.SOCIAL);
		String path = "/hooks/twilio/" + whatsapp.channel().id().value();
		withScopes(Permission.CONVERSATIONS_MANAGE)
			.send("PUT", "/api/v1/conversations/channels/" + whatsapp.channel().id().value() + "/messaging",
					BodyPublishers.ofString("{\"provider\":\"TWILIO\",\"baseUrl\":\""
							+ twilio.baseUrl() + "\",\"accountSid\":\"" + ACCOUNT + "\",\"authToken\":\"" + authToken
							+ "\",\"fromAddress\":\"whatsapp:" + SENDER + "\",\"whatsappIdentifier\":true}"),
					"Content-Type", "application/json")
			.expect(200);
		String phone = phone();
		Map<String, String> params = sms("whatsapp:" + phone, "Olá, a minha encomenda?", "SM" + suffix());
		params.put("ProfileName", "Marta");
		params.put("To", "whatsapp:" + SENDER);
		assertThat(post(path, params, sign(path, params)).status()).isEqualTo(200);
		// STOP is not a keyword on WhatsApp: it is an ordinary message
		Map<String, String> stop = sms("whatsapp:" + phone, "STOP", "SM" + suffix());
		assertThat(post(path, stop, sign(path, stop)).text()).doesNotContain("<Message>");

		Profile marta = profiles.lookup(new Identifier("whatsapp", phone)).orElseThrow();
		assertThat(profiles.lookup(new Identifier("phone", phone))).isEmpty();
		String conversation = agent.get("/api/v1/conversations?profileId=" + marta.id())
			.expect(200)
			.path("data")
			.get(0)
			.path("id")
			.asString();
		assertThat(messagesOf(conversation).size()).isEqualTo(2);
		assertThat(messagesOf(conversation).get(0).path("authorName").asString()).isEqualTo("Marta");
		agent.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Chega amanhã\"}").expect(201);
		Poll.until(Duration.ofSeconds(20), () -> twilio.requests.size(), size -> size == 1);
		Map<String, String> form = form(twilio.requests.getFirst().body());
		assertThat(form).containsEntry("To", "whatsapp:" + phone).containsEntry("From", "whatsapp:" + SENDER);
	}

	@Test
	void aCustomerWhoChatsThenTextsFromThePhoneSheGaveHasOneConversation() {
		String suffix = suffix();
		String phone = phone();
		var web = channel(ChannelType.WEB);
		Visitor visitor = new Visitor(writeKeyOf(web), "anon-" + suffix);
		String conversation = visitor.say("Hi, I ordered a sofa").path("conversationId").asString();
		// She gives her phone number on the site (her account page), through event
		// collection
		anonymous().send("POST", "/v1/batch",
				BodyPublishers.ofString("{\"batch\":[{\"type\":\"identify\"," + "\"anonymousId\":\"anon-" + suffix
						+ "\",\"messageId\":\"acct-" + suffix + "\",\"traits\":{\"phone\":\"" + phone + "\"}}]}"),
				"Authorization", basic(writeKeyOf(web)), "Content-Type", "application/json")
			.expect(200);
		Poll.until(Duration.ofSeconds(20), () -> profiles.lookup(new Identifier("phone", phone)),
				found -> found.isPresent());

		Map<String, String> params = sms(phone, "It's me from the chat: when does it come?", "SM" + suffix);
		deliver(hook, params);

		Profile her = profiles.lookup(new Identifier("phone", phone)).orElseThrow();
		assertThat(profiles.lookup(new Identifier("anonymous_id", "anon-" + suffix)).orElseThrow().id())
			.isEqualTo(her.id());
		assertThat(agent.get("/api/v1/conversations?profileId=" + her.id()).expect(200).path("data").size())
			.isEqualTo(1);
		JsonNode messages = messagesOf(conversation);
		assertThat(messages.size()).isEqualTo(2);
		assertThat(messages.get(1).path("channelType").asString()).isEqualTo("SMS");
		// The answer goes back by SMS, her last channel
		agent.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"Thursday\"}").expect(201);
		Poll.until(Duration.ofSeconds(20), () -> twilio.requests.size(), size -> size == 1);
		assertThat(form(twilio.requests.getFirst().body())).containsEntry("To", phone);
	}

	private String sidOf(String messageId) {
		return Poll.until(Duration.ofSeconds(20),
				() -> jdbc.sql("select external_id from messaging_message where message_id = :id")
					.param("id", messageId)
					.query(String.class)
					.single(),
				sid -> sid.startsWith("SM"));
	}

	private String deliveryOf(String conversation, String messageId, String expected) {
		return Poll.until(Duration.ofSeconds(20), () -> {
			for (JsonNode message : messagesOf(conversation)) {
				if (message.path("id").asString().equals(messageId)) {
					return message.path("delivery").asString();
				}
			}
			return null;
		}, delivery -> expected.equals(delivery));
	}

	private JsonNode messagesOf(String conversation) {
		return agent.get("/api/v1/conversations/" + conversation + "/messages").expect(200).path("data");
	}

	private String conversationOf(String phone) {
		Profile profile = profiles.lookup(new Identifier("phone", phone)).orElseThrow();
		return agent.get("/api/v1/conversations?profileId=" + profile.id())
			.expect(200)
			.path("data")
			.get(0)
			.path("id")
			.asString();
	}

	private JsonNode lastMessageOf(String phone) {
		JsonNode messages = messagesOf(conversationOf(phone));
		return messages.get(messages.size() - 1);
	}

	private long storedFor(String messageSid) {
		return jdbc.sql("""
				select count(*) from messaging_message x join conversation_message m on m.id = x.message_id
				 where x.external_id = :sid""").param("sid", messageSid).query(Long.class).single();
	}

	static String suffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	static String phone() {
		return "+1555" + (1000000 + (long) (Math.random() * 8999999));
	}

	static Map<String, String> sms(String from, String body, String sid) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("ToCountry", "US");
		params.put("SmsMessageSid", sid);
		params.put("NumMedia", "0");
		params.put("MessageSid", sid);
		params.put("AccountSid", ACCOUNT);
		params.put("From", from);
		params.put("To", SENDER);
		params.put("Body", body);
		params.put("NumSegments", "1");
		params.put("ApiVersion", "2010-04-01");
		return params;
	}

	static Map<String, String> status(String sid, String status) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", sid);
		params.put("MessageStatus", status);
		params.put("AccountSid", ACCOUNT);
		return params;
	}

	private String sign(String path, Map<String, String> params) {
		return sign(authToken, base() + path, params);
	}

	/**
	 * Twilio's scheme, written out here rather than borrowed from the code under test.
	 */
	static String sign(String token, String url, Map<String, String> params) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void deliver(String path, Map<String, String> params) {
		Answer answer = post(path, params, sign(path, params));
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
	}

	private Answer post(String path, Map<String, String> params, String signature) {
		String body = params.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		List<String> headers = new ArrayList<>(List.of("Content-Type", "application/x-www-form-urlencoded"));
		if (signature != null) {
			headers.addAll(List.of("X-Twilio-Signature", signature));
		}
		return anonymous().send("POST", path, BodyPublishers.ofString(body), headers.toArray(String[]::new));
	}

	static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

}
