package io.omnis.order;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pickup-ready notice is part of the customer's conversation: the agent sees "your
 * order is ready, code …" as an automated message with its channel and delivery, in a
 * thread that waits for her (nobody's, outside the inbox); her e-mail reply to the notice
 * lands in that same thread and opens it as a contact.
 */
class PickupNoticeThreadTests extends PickupFixtures {

	@Test
	void thePickupReadyNoticeIsInHerThreadWithItsDeliveryAndHerReplyJoinsIt() {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		receive(lamp, store, 2);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "PICKUP", store, email, lamp, "1").path("id").asString();
		workUntilReady(store, lamp, "1");
		String code = code(mail(email, order));

		Caller agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
		JsonNode notice = Poll.until(Duration.ofSeconds(20), () -> noticeOf(agent, web, order, email),
				n -> n != null && n.path("status").asString().equals("SENT") && n.hasNonNull("conversationId"));
		assertThat(notice.path("topic").asString()).isEqualTo("pickup.ready");
		String conversation = notice.path("conversationId").asString();

		JsonNode thread = agent.get("/api/v1/conversations/" + conversation).expect(200);
		assertThat(thread.path("status").asString()).isEqualTo("PENDING");
		assertThat(thread.path("assigneeId").isNull()).isTrue();
		JsonNode shown = Poll.until(Duration.ofSeconds(10), () -> messages(agent, conversation).get(0),
				m -> m.path("delivery").asString().equals("SENT"));
		assertThat(shown.path("id").asString()).isEqualTo(notice.path("messageId").asString());
		assertThat(shown.path("automated").asBoolean()).isTrue();
		assertThat(shown.path("authorKind").asString()).isEqualTo("SYSTEM");
		assertThat(shown.path("direction").asString()).isEqualTo("OUT");
		assertThat(shown.path("channelType").asString()).isEqualTo("EMAIL");
		assertThat(shown.path("channelId").asString()).isEqualTo(notice.path("channelId").asString());
		assertThat(shown.path("body").asString()).contains("is ready to collect").contains("Your pickup code: " + code);
		// A thread that waits for her is in nobody's inbox
		assertThat(agent.get("/api/v1/conversations?limit=100").expect(200).path("data").toString())
			.doesNotContain(conversation);

		// She answers the notice from her mail client: the same thread, now hers to
		// answer
		Instant before = Instant.now();
		String mime = "From: " + email + "\r\nTo: notices@omnis.test\r\nSubject: Re: Your order " + order
				+ " is ready to collect\r\nMessage-ID: <re-" + order + "@example.com>\r\nIn-Reply-To: <"
				+ notice.path("id").asString() + "@omnis.local>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nCan my husband collect it?\r\n";
		JsonNode replied = bearer(secretOf(channels.create(ChannelType.EMAIL, unique("Inbound"), null,
				java.util.Set.of(Permission.CONVERSATIONS_WRITE))))
			.send("POST", "/api/v1/conversations/inbound/email", BodyPublishers.ofString(mime), "Content-Type",
					"message/rfc822")
			.expect(201);
		assertThat(replied.path("conversationId").asString()).isEqualTo(conversation);
		JsonNode opened = agent.get("/api/v1/conversations/" + conversation).expect(200);
		assertThat(opened.path("status").asString()).isEqualTo("OPEN");
		// Opened as a contact when she wrote, not when Omnis told her
		assertThat(Instant.parse(opened.path("createdAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
		JsonNode both = messages(agent, conversation);
		assertThat(both.size()).isEqualTo(2);
		assertThat(both.get(1).path("body").asString()).contains("Can my husband collect it?");
	}

	private static JsonNode messages(Caller agent, String conversation) {
		return agent.get("/api/v1/conversations/" + conversation + "/messages").expect(200).path("data");
	}

	/**
	 * The order's ready notice, sent to her profile or, before she had one, her address.
	 */
	private JsonNode noticeOf(Caller agent, Shop web, String order, String email) {
		String profile = web.api().get("/api/v1/orders/" + order).expect(200).path("profileId").asString("");
		for (String customer : new String[] { profile, "email:" + email }) {
			if (customer.isEmpty()) {
				continue;
			}
			for (JsonNode notice : agent
				.get("/api/v1/notices?customer=" + URLEncoder.encode(customer, StandardCharsets.UTF_8))
				.expect(200)
				.path("data")) {
				if (order.equals(notice.path("reference").asString())) {
					return notice;
				}
			}
		}
		return null;
	}

}
