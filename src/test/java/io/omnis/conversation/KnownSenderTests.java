package io.omnis.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer who texted before is found by her number in one statement and her message is
 * resolved by identity resolution in its turn: it lands in her thread in progress, and
 * her event ends up on her profile all the same. A sender who brings something new (an
 * e-mail address beside her number) is still resolved at once, under the identity rules.
 */
class KnownSenderTests extends ConversationFixtures {

	@Autowired
	Profiles profiles;

	@Test
	void aKnownSendersMessagesJoinHerThreadAndHerEventsReachHerProfile() throws Exception {
		Caller sms = bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)));
		String phone = "+15557" + (100000 + new Random(61).nextInt(899999));
		String first = conversationOf(send(sms, "{\"from\":{\"phone\":\"" + phone + "\"},\"text\":\"First\"}"));
		String profile = profiles.lookup(Identifier.normalised("phone", phone).orElseThrow()).orElseThrow().id();

		List<Callable<Answer>> again = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String text = "Again " + i;
			again.add(() -> sms.post("/api/v1/conversations/inbound/messages",
					"{\"from\":{\"phone\":\"" + phone + "\",\"name\":\"Ana\"},\"text\":\"" + text + "\"}"));
		}
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			for (Future<Answer> sent : threads.invokeAll(again)) {
				assertThat(conversationOf(sent.get())).isEqualTo(first);
			}
		}
		assertThat(jdbc.sql("select count(*) from conversation_message where conversation_id = :id")
			.param("id", first)
			.query(Long.class)
			.single()).isEqualTo(9);
		assertThat(jdbc.sql("select profile_id from conversation where id = :id")
			.param("id", first)
			.query(String.class)
			.single()).isEqualTo(profile);
		// Each message's event is resolved in its turn, to her profile
		long onHerProfile = Poll.until(Duration.ofSeconds(10),
				() -> jdbc.sql("""
						select count(*) from tracked_event e join event_profile p on p.seq = e.seq
						 where e.anonymous_id = :anonymous and p.profile_id = :profile""")
					.param("anonymous", "conversation:" + phone)
					.param("profile", profile)
					.query(Long.class)
					.single(),
				count -> count == 9);
		assertThat(onHerProfile).isEqualTo(9);
		// and her name, sent with the later messages, reaches her profile
		assertThat(Poll.until(Duration.ofSeconds(10), () -> profiles.get(profile).traits().path("name").asString(""),
				"Ana"::equals))
			.isEqualTo("Ana");
	}

	@Test
	void aKnownNumberWithANewAddressIsResolvedAtOnceAndKeepsOneProfile() throws Exception {
		Caller sms = bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)));
		String phone = "+15558" + (100000 + new Random(62).nextInt(899999));
		String email = "known-" + phone.substring(1) + "@example.com";
		String first = conversationOf(send(sms, "{\"from\":{\"phone\":\"" + phone + "\"},\"text\":\"First\"}"));
		String profile = profiles.lookup(Identifier.normalised("phone", phone).orElseThrow()).orElseThrow().id();

		String second = conversationOf(
				send(sms, "{\"from\":{\"phone\":\"" + phone + "\",\"email\":\"" + email + "\"},\"text\":\"Second\"}"));

		assertThat(second).isEqualTo(first);
		// Resolved before the answer: the new address is hers already
		assertThat(profiles.lookup(Identifier.normalised("email", email).orElseThrow()).orElseThrow().id())
			.isEqualTo(profile);
	}

	private static Answer send(Caller sms, String json) {
		Answer answer = sms.post("/api/v1/conversations/inbound/messages", json);
		assertThat(answer.status()).as(answer.text()).isEqualTo(201);
		return answer;
	}

	private static String conversationOf(Answer answer) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(201);
		return answer.json().get("conversationId").asString();
	}

}
