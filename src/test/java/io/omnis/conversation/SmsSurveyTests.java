package io.omnis.conversation;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The satisfaction survey by SMS through a fake Twilio: sent as a text ("Reply 1-5"), and
 * a reply of one digit within the window is her rating, not a message that reopens the
 * conversation; anything else is an ordinary message.
 */
class SmsSurveyTests extends ConversationFixtures {

	FakeProvider twilio;

	String authToken;

	String hook;

	Caller agent;

	@BeforeEach
	void twilioChannel() throws Exception {
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
	void stopTwilio() {
		twilio.close();
	}

	@Test
	void aDigitRepliedToTheSurveyIsHerRatingAndLeavesTheConversationResolved() {
		String phone = TwilioMessagingTests.phone();
		String conversation = resolvedWithSurvey(phone);
		int messages = messages(conversation).size();

		Map<String, String> rating = TwilioMessagingTests.sms(phone, " 4 ", "SM" + TwilioMessagingTests.suffix());
		Answer answer = post(rating, sign(rating));
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		assertThat(answer.text()).contains("<Message>Thank you for your rating.</Message>");
		// Twilio delivering the same webhook again changes nothing
		assertThat(post(rating, sign(rating)).status()).isEqualTo(200);

		JsonNode survey = agent.get("/api/v1/conversations/" + conversation + "/survey").expect(200);
		assertThat(survey.path("rating").asInt()).isEqualTo(4);
		JsonNode after = agent.get("/api/v1/conversations/" + conversation).expect(200);
		assertThat(after.path("status").asString()).isEqualTo("RESOLVED");
		assertThat(messages(conversation).size()).isEqualTo(messages);
		assertThat(jdbc.sql("select count(*) from csat_survey where conversation_id = :id and answered_at is not null")
			.param("id", conversation)
			.query(Long.class)
			.single()).isEqualTo(1);

		// Answered: a second digit is a message like any other, and reopens it
		Map<String, String> again = TwilioMessagingTests.sms(phone, "5", "SM" + TwilioMessagingTests.suffix());
		assertThat(post(again, sign(again)).text()).doesNotContain("Thank you");
		assertThat(agent.get("/api/v1/conversations/" + conversation + "/survey").expect(200).path("rating").asInt())
			.isEqualTo(4);
		assertThat(messages(conversation).toString()).contains("\"body\":\"5\"");
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "7", "abc", "0", "4 stars", "45" })
	void aReplyThatIsNotARatingIsAnOrdinaryMessage(String text) {
		String phone = TwilioMessagingTests.phone();
		String conversation = resolvedWithSurvey(phone);
		Map<String, String> reply = TwilioMessagingTests.sms(phone, text, "SM" + TwilioMessagingTests.suffix());
		Answer answer = post(reply, sign(reply));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.text()).doesNotContain("Thank you");
		assertThat(agent.get("/api/v1/conversations/" + conversation + "/survey").expect(200).path("rating").isNull())
			.isTrue();
		assertThat(agent.get("/api/v1/conversations/" + conversation).expect(200).path("status").asString())
			.isEqualTo("OPEN");
		assertThat(messages(conversation).toString()).contains("\"body\":\"" + text + "\"");
	}

	@Test
	void aDigitAfterTheWindowOrWithAForgedSignatureIsNoRating() {
		String phone = TwilioMessagingTests.phone();
		String conversation = resolvedWithSurvey(phone);
		Map<String, String> forged = TwilioMessagingTests.sms(phone, "1", "SM" + TwilioMessagingTests.suffix());
		assertProblem(post(forged, "bm90IGEgc2lnbmF0dXJl"), 401);
		assertThat(agent.get("/api/v1/conversations/" + conversation + "/survey").expect(200).path("rating").isNull())
			.isTrue();

		jdbc.sql("update csat_survey set sent_at = sent_at - interval '4 days' where conversation_id = :id")
			.param("id", conversation)
			.update();
		Map<String, String> late = TwilioMessagingTests.sms(phone, "1", "SM" + TwilioMessagingTests.suffix());
		assertThat(post(late, sign(late)).text()).doesNotContain("Thank you");
		assertThat(agent.get("/api/v1/conversations/" + conversation + "/survey").expect(200).path("rating").isNull())
			.isTrue();
		assertThat(agent.get("/api/v1/conversations/" + conversation).expect(200).path("status").asString())
			.isEqualTo("OPEN");
	}

	/** She texts, an agent resolves, and the survey reaches the fake Twilio. */
	private String resolvedWithSurvey(String phone) {
		Map<String, String> first = TwilioMessagingTests.sms(phone, "Where is my parcel?",
				"SM" + TwilioMessagingTests.suffix());
		assertThat(post(first, sign(first)).status()).isEqualTo(200);
		String conversation = Poll.until(Duration.ofSeconds(20), () -> conversationOf(phone), id -> id != null);
		agent.post("/api/v1/conversations/" + conversation + "/resolve", "{}").expect(200);
		Poll.until(Duration.ofSeconds(20),
				() -> twilio.requests.stream()
					.filter(r -> r.method().equals("POST"))
					.map(r -> URLDecoder.decode(r.body(), StandardCharsets.UTF_8))
					.anyMatch(body -> body.contains("To=" + phone)
							&& body.contains("Body=How did we do? Reply with a number from 1 (poor) to 5 (great).")),
				Boolean.TRUE::equals);
		JsonNode survey = Poll
			.until(Duration.ofSeconds(20), () -> agent.get("/api/v1/conversations/" + conversation + "/survey"),
					a -> a.status() == 200)
			.expect(200);
		assertThat(survey.path("state").asString()).isEqualTo("SENT");
		// The survey's answer is on its way out through Twilio before she can reply to it
		Poll.until(Duration.ofSeconds(20), () -> jdbc.sql("""
				select count(*) from messaging_message m join csat_survey s on s.message_id = m.message_id
				 where s.conversation_id = :id""").param("id", conversation).query(Long.class).single(), n -> n == 1);
		return conversation;
	}

	private String conversationOf(String phone) {
		return jdbc.sql("""
				select c.id from conversation c join conversation_message m on m.conversation_id = c.id
				 join messaging_message x on x.message_id = m.id where x.address = :phone and x.direction = 'IN'
				 limit 1""").param("phone", phone).query(String.class).optional().orElse(null);
	}

	private JsonNode messages(String conversation) {
		return agent.get("/api/v1/conversations/" + conversation + "/messages?limit=100").expect(200).path("data");
	}

	private String sign(Map<String, String> params) {
		return TwilioMessagingTests.sign(authToken, base() + hook, params);
	}

	private Answer post(Map<String, String> params, String signature) {
		String body = params.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		List<String> headers = new ArrayList<>(List.of("Content-Type", "application/x-www-form-urlencoded"));
		headers.addAll(List.of("X-Twilio-Signature", signature));
		return anonymous().send("POST", hook, BodyPublishers.ofString(body), headers.toArray(String[]::new));
	}

}
