package io.omnis.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.TestMail;
import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices Omnis sends on its own go out by e-mail through the organisation's e-mail
 * channel; with no channel that can reach the customer they wait in the outbox, and go
 * out once one exists.
 */
class CustomerNoticeTests extends RunningOmnis {

	@Autowired
	CustomerNotices notices;

	@Test
	void aNoticeWaitsWhileNoChannelCanReachHerAndIsSentOnceAnEmailChannelExists() {
		List<ChannelId> disabled = new ArrayList<>();
		for (Channel channel : channels.page(null, 100, ChannelType.EMAIL, ChannelStatus.ACTIVE).data()) {
			channels.disable(channel.id());
			disabled.add(channel.id());
		}
		String address = "notice-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		try {
			Notice notice = notices.send("email:" + address, "pickup.ready", "ord_test", "Your order is ready",
					"Your pickup code: ABCD2345");
			assertThat(notice.status()).isEqualTo("PENDING");

			JsonNode waiting = Poll.until(Duration.ofSeconds(10), () -> latest(address),
					n -> n.path("attempts").asInt() >= 1);
			assertThat(waiting.path("status").asString()).isEqualTo("PENDING");
			assertThat(waiting.path("lastError").asString()).contains("no e-mail or SMS channel");
			assertThat(inbox(address)).isEmpty();

			channels.create(ChannelType.EMAIL, unique("Mailbox"), "notices", java.util.Set.of());

			JsonNode sent = Poll.until(Duration.ofSeconds(40), () -> latest(address),
					n -> n.path("status").asString().equals("SENT"));
			assertThat(sent.path("medium").asString()).isEqualTo("EMAIL");
			assertThat(sent.path("address").asString()).isEqualTo(address);
			MimeMessage mail = Poll.until(Duration.ofSeconds(10), () -> inbox(address), m -> !m.isEmpty()).getFirst();
			assertThat(mail.getSubject()).isEqualTo("Your order is ready");
			assertThat(mail.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			disabled.forEach(channels::enable);
		}
	}

	@Test
	void aCustomerKnownByHerPhoneOnlyGetsTheNoticeBySmsThroughTheSmsChannel() throws Exception {
		List<ChannelId> disabled = new ArrayList<>();
		for (Channel channel : channels.page(null, 100, ChannelType.SMS, ChannelStatus.ACTIVE).data()) {
			channels.disable(channel.id());
			disabled.add(channel.id());
		}
		try (FakeProvider twilio = new FakeProvider(request -> new FakeProvider.Reply(201,
				"{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":\"queued\"}"))) {
			String phone = "+3519" + String.format("%08d", new java.util.Random().nextInt(100_000_000));
			Notice notice = notices.send("phone:" + phone, "pickup.ready", null, "Ready", "Your pickup code: ABCD2345");
			JsonNode waiting = Poll.until(Duration.ofSeconds(10), () -> notices("phone:" + phone).get(0),
					n -> n.path("attempts").asInt() >= 1);
			assertThat(waiting.path("status").asString()).isEqualTo("PENDING");

			Channels.Created sms = channels.create(ChannelType.SMS, unique("Texts"), null, java.util.Set.of());
			withScopes(Permission.CONVERSATIONS_MANAGE).send("PUT",
					"/api/v1/conversations/channels/" + sms.channel().id().value() + "/messaging",
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"provider\":\"TWILIO\",\"baseUrl\":\""
							+ twilio.baseUrl()
							+ "\",\"accountSid\":\"AC123\",\"authToken\":\"secret-token\",\"fromAddress\":\"+15550001111\"}"),
					"Content-Type", "application/json")
				.expect(200);

			JsonNode sent = Poll.until(Duration.ofSeconds(40), () -> notices("phone:" + phone).get(0),
					n -> n.path("status").asString().equals("SENT"));
			assertThat(sent.path("id").asString()).isEqualTo(notice.id());
			assertThat(sent.path("medium").asString()).isEqualTo("SMS");
			assertThat(sent.path("channelId").asString()).isEqualTo(sms.channel().id().value());
			assertThat(twilio.requests).hasSize(1);
			String body = java.net.URLDecoder.decode(twilio.requests.getFirst().body(),
					java.nio.charset.StandardCharsets.UTF_8);
			assertThat(body).contains("To=" + phone).contains("ABCD2345");
		}
		finally {
			disabled.forEach(channels::enable);
		}
	}

	@Test
	void aCustomerWithNoAddressWaitsAndTheListNamesTheMissingCustomer() {
		String phoneless = "cus_01jdnobody" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		notices.send(phoneless, "pickup.ready", null, "Ready", "Text");
		JsonNode waiting = Poll.until(Duration.ofSeconds(10), () -> notices(phoneless).get(0),
				n -> n.path("attempts").asInt() >= 1);
		assertThat(waiting.path("status").asString()).isEqualTo("PENDING");
		assertThat(waiting.path("lastError").asString()).contains("no e-mail address or phone number");
		withScopes(Permission.CONVERSATIONS_READ).get("/api/v1/notices")
			.expectProblem(400, "invalid-field", "customer");
	}

	private JsonNode latest(String address) {
		return notices("email:" + address).get(0);
	}

	private JsonNode notices(String customer) {
		return withScopes(Permission.CONVERSATIONS_READ)
			.get("/api/v1/notices?customer="
					+ java.net.URLEncoder.encode(customer, java.nio.charset.StandardCharsets.UTF_8))
			.expect(200)
			.path("data");
	}

	private static List<MimeMessage> inbox(String address) {
		return Arrays.stream(TestMail.server().getReceivedMessages()).filter(message -> {
			try {
				return message.getRecipients(RecipientType.TO)[0].toString().equals(address);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

}
