package io.omnis.conversation.chat;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.omnis.Answer;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public chat endpoints' limits with their defaults (a visitor: 20 at once, then one
 * per 3 s; an address: 600 at once, then 20 a second): a burst over the limit is answered
 * 429 with {@code Retry-After} and a problem detail, others are unaffected, and after the
 * wait the same client is served again. Addresses are told apart by
 * {@code X-Forwarded-For}, which Omnis reads from a proxy on the loopback.
 */
class ChatRateLimitTests extends RunningOmnis {

	@Test
	void aVisitorOverHerBurstWaitsWhileAnotherVisitorIsServed() throws InterruptedException {
		Channels.Created web = channels.create(ChannelType.WEB, unique("Web"), null, Set.of());
		String writeKey = writeKeyOf(web);
		String her = "anon-" + UUID.randomUUID();
		String address = "198.51.100." + (1 + (int) (Math.random() * 250));
		String token = null;
		for (int i = 0; i < 20; i++) {
			Answer answer = say(writeKey, her, token, "Message " + i, address);
			assertThat(answer.status()).as(answer.text()).isEqualTo(200);
			token = answer.json().path("token").asString();
		}
		long messages = messages(her);
		Answer limited = say(writeKey, her, token, "One too many", address);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.contentType()).startsWith("application/problem+json");
		assertThat(limited.json().path("type").asString()).endsWith("rate-limited");
		long retryAfter = Long.parseLong(limited.header("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 3L);
		assertThat(messages(her)).as("nothing stored").isEqualTo(messages);
		Answer history = anonymous().get(
				"/chat/v1/messages?key=" + encode(writeKey) + "&anonymousId=" + encode(her) + "&token=" + encode(token),
				"X-Forwarded-For", address);
		assertThat(history.status()).as("every endpoint counts").isEqualTo(429);
		Answer stream = anonymous().get(
				"/chat/v1/stream?key=" + encode(writeKey) + "&anonymousId=" + encode(her) + "&token=" + encode(token),
				"X-Forwarded-For", address, "Accept", "text/event-stream");
		assertThat(stream.status()).isEqualTo(429);
		assertThat(stream.header("Retry-After")).isNotNull();

		Answer other = say(writeKey, "anon-" + UUID.randomUUID(), null, "Hello", address);
		assertThat(other.status()).as("another visitor from the same address").isEqualTo(200);

		Thread.sleep(retryAfter * 1000 + 100);
		assertThat(say(writeKey, her, token, "Served again", address).status()).isEqualTo(200);
	}

	@Test
	void anAddressOverItsBurstIsRefusedWhateverVisitorItClaimsAndOtherAddressesAreNot() throws InterruptedException {
		String flooder = "203.0.113." + (1 + (int) (Math.random() * 250));
		int refused = 0;
		int served = 0;
		long started = System.nanoTime();
		for (int i = 0; i < 3000 && refused < 20; i++) {
			// A made-up hop on the left is the client's own claim and changes nothing
			Answer answer = anonymous().get("/chat/v1/messages?key=wk_nope&anonymousId=v" + i + "&token=t",
					"X-Forwarded-For", "10.9.8." + (i % 250) + ", " + flooder);
			if (answer.status() == 429) {
				refused++;
				assertThat(answer.header("Retry-After")).isEqualTo("1");
				assertThat(answer.contentType()).startsWith("application/problem+json");
			}
			else {
				served++;
				assertThat(answer.status()).as("an unknown write key").isEqualTo(401);
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		// The burst, and 20 a second more while the test ran
		assertThat(refused).isEqualTo(20);
		assertThat(served).isBetween(600, 600 + (int) Math.ceil(seconds * 20) + 1);
		Answer other = anonymous().get("/chat/v1/messages?key=wk_nope&anonymousId=x&token=t", "X-Forwarded-For",
				"192.0.2." + (1 + (int) (Math.random() * 250)), "Origin", "https://shop.example");
		assertThat(other.status()).isEqualTo(401);
		Thread.sleep(1100);
		assertThat(anonymous().get("/chat/v1/messages?key=wk_nope&anonymousId=y&token=t", "X-Forwarded-For", flooder)
			.status()).isEqualTo(401);
	}

	private Answer say(String writeKey, String anonymousId, String token, String text, String address) {
		String json = "{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"" + anonymousId + "\",\"text\":\"" + text
				+ "\"" + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
		return anonymous().send("POST", "/chat/v1/messages", BodyPublishers.ofString(json), "Content-Type",
				"text/plain", "X-Forwarded-For", address, "Origin", "https://shop.example");
	}

	private long messages(String anonymousId) {
		return jdbc.sql("""
				select count(*) from conversation_message m join chat_visitor v on v.profile_id is not null
				 where v.anonymous_id = :id and m.conversation_id in (
				       select c.id from conversation c where c.profile_id = v.profile_id)""")
			.param("id", anonymousId)
			.query(Long.class)
			.single();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
