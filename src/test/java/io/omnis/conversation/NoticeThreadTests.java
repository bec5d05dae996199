package io.omnis.conversation;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Notices in the customer's conversation, by SMS through a fake Twilio: shown at once,
 * then with the delivery the provider reports; her reply by SMS joins that thread; and
 * the measures (opened, first response, first-contact resolution, reopenings) count
 * conversations from her first message, never from a notice.
 */
class NoticeThreadTests extends ConversationFixtures {

	@Autowired
	CustomerNotices notices;

	@Autowired
	Profiles profiles;

	FakeProvider twilio;

	String authToken;

	String hook;

	Caller agent;

	final List<ChannelId> disabled = new ArrayList<>();

	@BeforeEach
	void onlyOurTwilioChannelSendsTexts() throws Exception {
		for (Channel channel : channels.page(null, 100, ChannelType.SMS, ChannelStatus.ACTIVE).data()) {
			channels.disable(channel.id());
			disabled.add(channel.id());
		}
		twilio = new FakeProvider(request -> new FakeProvider.Reply(201,
				"{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":\"queued\"}"));
		authToken = "token-" + UUID.randomUUID();
		Channels.Created sms = channel(ChannelType.SMS);
		hook = "/hooks/twilio/" + sms.channel().id().value();
		withScopes(Permission.CONVERSATIONS_MANAGE)
			.send("PUT", "/api/v1/conversations/channels/" + sms.channel().id().value() + "/messaging",
					BodyPublishers.ofString("{\"provider\":\"TWILIO\",\"baseUrl\":\"" + twilio.baseUrl()
							+ "\",\"accountSid\":\"" + TwilioMessagingTests.ACCOUNT + "\",\"authToken\":\"" + authToken
							+ "\",\"fromAddress\":\"" + TwilioMessagingTests.SENDER + "\"}"),
					"Content-Type", "application/json")
			.expect(200);
		agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
	}

	@AfterEach
	void putTheOtherChannelsBack() {
		twilio.close();
		disabled.forEach(channels::enable);
	}

	@Test
	void aPickupNoticeBySmsIsInHerThreadWithItsDeliveryAndHerReplyJoinsIt() {
		String phone = TwilioMessagingTests.phone();
		String profile = profileWithPhone(phone);
		Notice notice = notices.send(profile, "pickup.ready", "ord_sms", "Your order is ready to collect",
				"Your pickup code: K7M2P9QX");
		assertThat(notice.messageId()).isNotNull();
		String conversation = notice.conversationId();
		assertThat(conversation).isNotNull();

		JsonNode shown = messages(conversation).get(0);
		assertThat(shown.path("id").asString()).isEqualTo(notice.messageId());
		assertThat(shown.path("automated").asBoolean()).isTrue();
		assertThat(shown.path("authorKind").asString()).isEqualTo("SYSTEM");
		assertThat(shown.path("channelType").asString()).isEqualTo("SMS");
		assertThat(shown.path("delivery").asString()).isIn("PENDING", "QUEUED", "SENT");
		assertThat(shown.path("body").asString()).contains("Your pickup code: K7M2P9QX");
		JsonNode waiting = agent.get("/api/v1/conversations/" + conversation).expect(200);
		assertThat(waiting.path("status").asString()).isEqualTo("PENDING");
		assertThat(waiting.path("assigneeId").isNull()).isTrue();
		assertThat(waiting.path("firstResponseAt").isNull()).isTrue();

		assertThat(deliveryOf(conversation, notice.messageId(), "SENT")).isEqualTo("SENT");
		Map<String, String> form = TwilioMessagingTests.form(twilio.requests.getFirst().body());
		assertThat(form).containsEntry("To", phone);
		assertThat(form.get("Body")).contains("K7M2P9QX");
		// The provider's status callback moves the notice's delivery in her thread
		String sid = Poll.until(Duration.ofSeconds(10),
				() -> jdbc.sql("select external_id from messaging_message where message_id = :id")
					.param("id", notice.messageId())
					.query(String.class)
					.single(),
				id -> id.startsWith("SM"));
		Map<String, String> delivered = TwilioMessagingTests.status(sid, "delivered");
		assertThat(post(hook + "/status", delivered).status()).isEqualTo(204);
		assertThat(deliveryOf(conversation, notice.messageId(), "DELIVERED")).isEqualTo("DELIVERED");

		// She answers the text: the same thread, opened as a contact by her message
		Instant before = Instant.now();
		Map<String, String> reply = TwilioMessagingTests.sms(phone, "Can I come tomorrow instead?",
				"SM" + TwilioMessagingTests.suffix());
		assertThat(post(hook, reply).status()).isEqualTo(200);
		JsonNode opened = agent.get("/api/v1/conversations/" + conversation).expect(200);
		assertThat(opened.path("status").asString()).isEqualTo("OPEN");
		assertThat(Instant.parse(opened.path("createdAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
		JsonNode thread = messages(conversation);
		assertThat(thread.size()).isEqualTo(2);
		assertThat(thread.get(1).path("direction").asString()).isEqualTo("IN");
		assertThat(thread.get(1).path("body").asString()).isEqualTo("Can I come tomorrow instead?");
		assertThat(agent.get("/api/v1/conversations?profileId=" + profile).expect(200).path("data").size())
			.isEqualTo(1);
	}

	@Test
	void measuresCountFromHerFirstMessageAndNeverFromANotice() throws Exception {
		String team = "notices-" + UUID.randomUUID().toString().substring(0, 8);

		// X: told her order is ready, never answered; an agent closes the thread
		String x = notices
			.send(profileWithPhone(TwilioMessagingTests.phone()), "pickup.ready", "ord_x",
					"Your order is ready to collect", "Your pickup code: X")
			.conversationId();
		team(x, team);
		agent.post("/api/v1/conversations/" + x + "/resolve", "").expect(200);

		// Y: told, answers a while later, an agent answers her at once
		String phone = TwilioMessagingTests.phone();
		String y = notices
			.send(profileWithPhone(phone), "pickup.ready", "ord_y", "Your order is ready to collect", "Your code: Y")
			.conversationId();
		Thread.sleep(2500);
		assertThat(post(hook,
				TwilioMessagingTests.sms(phone, "Thanks, who can collect it?", "SM" + TwilioMessagingTests.suffix()))
			.status()).isEqualTo(200);
		team(y, team);
		Instant yWrote = Instant.parse(messages(y).get(1).path("createdAt").asString());
		Instant yAnswered = Instant
			.parse(agent.post("/api/v1/conversations/" + y + "/messages", "{\"body\":\"Anyone with the code\"}")
				.expect(201)
				.path("createdAt")
				.asString());
		agent.post("/api/v1/conversations/" + y + "/resolve", "").expect(200);

		// Z: chats first; a notice that cannot go out yet joins her thread as pending and
		// is no answer to her
		Visitor visitor = new Visitor(writeKeyOf(channel(ChannelType.WEB)), "anon-" + UUID.randomUUID());
		String z = visitor.say("Is my order ready?").path("conversationId").asString();
		team(z, team);
		JsonNode chat = agent.get("/api/v1/conversations/" + z).expect(200);
		Notice pending = notices.send(chat.path("profileId").asString(), "pickup.ready", "ord_z",
				"Your order is ready to collect", "Your code: Z");
		assertThat(pending.conversationId()).isEqualTo(z);
		JsonNode afterNotice = agent.get("/api/v1/conversations/" + z).expect(200);
		assertThat(afterNotice.path("status").asString()).isEqualTo("OPEN");
		assertThat(afterNotice.path("firstResponseAt").isNull()).isTrue();
		assertThat(messages(z).get(1).path("delivery").asString()).isEqualTo("PENDING");
		Instant zOpened = Instant.parse(chat.path("createdAt").asString());
		Instant zAnswered = Instant
			.parse(agent.post("/api/v1/conversations/" + z + "/messages", "{\"body\":\"Yes, it is\"}")
				.expect(201)
				.path("createdAt")
				.asString());
		agent.post("/api/v1/conversations/" + z + "/resolve", "").expect(200);

		String today = LocalDate.now(ZoneOffset.UTC).toString();
		String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		JsonNode figures = agent
			.get("/api/v1/conversation-measures?from=" + today + "&to=" + tomorrow + "&team=" + team)
			.expect(200)
			.path("agents");
		assertThat(figures.path("opened").asLong()).isEqualTo(2);
		assertThat(figures.path("resolved").asLong()).isEqualTo(2);
		assertThat(figures.path("firstContactResolution").path("count").asLong()).isEqualTo(2);
		assertThat(figures.path("firstContactResolution").path("of").asLong()).isEqualTo(2);
		assertThat(figures.path("reopened").path("count").asLong()).isZero();
		assertThat(figures.path("firstResponse").path("count").asLong()).isEqualTo(2);
		// Y's first response counts from her message, not from the notice 2.5 s before it
		double expected = (Duration.between(yWrote, yAnswered).toNanos()
				+ Duration.between(zOpened, zAnswered).toNanos()) / 2e9;
		assertThat(figures.path("firstResponse").path("averageSeconds").asDouble()).isCloseTo(expected, within(0.01));
		assertThat(expected).isLessThan(2.5);
		// Nobody asks X how her conversation went
		assertThat(agent.get("/api/v1/conversations/" + x + "/survey").status()).isEqualTo(404);
	}

	private String profileWithPhone(String phone) {
		String suffix = TwilioMessagingTests.suffix();
		anonymous()
			.send("POST", "/v1/batch",
					BodyPublishers.ofString("{\"batch\":[{\"type\":\"identify\",\"userId\":\"u-" + suffix
							+ "\",\"messageId\":\"acct-" + suffix + "\",\"traits\":{\"phone\":\"" + phone + "\"}}]}"),
					"Authorization", basic(writeKeyOf(channel(ChannelType.WEB))), "Content-Type", "application/json")
			.expect(200);
		return Poll
			.until(Duration.ofSeconds(20), () -> profiles.lookup(new Identifier("phone", phone)),
					found -> found.isPresent())
			.orElseThrow()
			.id();
	}

	private void team(String conversation, String team) {
		agent.patch("/api/v1/conversations/" + conversation, "{\"team\":\"" + team + "\"}").expect(200);
	}

	private JsonNode messages(String conversation) {
		return agent.get("/api/v1/conversations/" + conversation + "/messages").expect(200).path("data");
	}

	private String deliveryOf(String conversation, String messageId, String expected) {
		return Poll.until(Duration.ofSeconds(20), () -> {
			for (JsonNode message : messages(conversation)) {
				if (message.path("id").asString().equals(messageId)) {
					return message.path("delivery").asString();
				}
			}
			return null;
		}, delivery -> expected.equals(delivery));
	}

	private Answer post(String path, Map<String, String> params) {
		String body = params.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		String signature = TwilioMessagingTests.sign(authToken, base() + path, params);
		return anonymous().send("POST", path, BodyPublishers.ofString(body), "Content-Type",
				"application/x-www-form-urlencoded", "X-Twilio-Signature", signature);
	}

}
