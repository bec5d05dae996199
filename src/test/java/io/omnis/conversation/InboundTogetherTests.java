package io.omnis.conversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.channel.ChannelType;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many new customers texting at once, several messages each, while their senders are
 * resolved together under one hold of the identity graph lock: each customer ends up as
 * one profile with one conversation holding all her messages, and every message is stored
 * once.
 */
class InboundTogetherTests extends ConversationFixtures {

	@Autowired
	Profiles profiles;

	@Test
	void customersTextingAtOnceGetOneProfileAndOneThreadEach() throws Exception {
		Caller sms = bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)));
		Random random = new Random(20261123);
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			phones.add("+1555" + (1000000 + random.nextInt(8999999)));
		}
		List<Callable<Answer>> sends = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			for (String phone : phones) {
				String text = "Message " + round + " from " + phone;
				sends.add(() -> sms.post("/api/v1/conversations/inbound/messages",
						"{\"from\":{\"phone\":\"" + phone + "\"},\"text\":\"" + text + "\"}"));
			}
		}
		java.util.Collections.shuffle(sends, random);
		Map<String, String> conversationOf = new HashMap<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
			for (Future<Answer> sent : threads.invokeAll(sends)) {
				Answer answer = sent.get();
				assertThat(answer.status()).as(answer.text()).isEqualTo(201);
			}
		}
		for (String phone : phones) {
			String profile = profiles.lookup(Identifier.normalised("phone", phone).orElseThrow()).orElseThrow().id();
			List<String> threads = jdbc.sql("""
					select distinct m.conversation_id from conversation_message m
					 where m.body like :like""").param("like", "Message % from " + phone).query(String.class).list();
			assertThat(threads).as(phone).hasSize(1);
			long messages = jdbc.sql("select count(*) from conversation_message where conversation_id = :id")
				.param("id", threads.getFirst())
				.query(Long.class)
				.single();
			assertThat(messages).as(phone).isEqualTo(3);
			assertThat(jdbc.sql("select profile_id from conversation where id = :id")
				.param("id", threads.getFirst())
				.query(String.class)
				.single()).isEqualTo(profile);
			conversationOf.put(phone, threads.getFirst());
		}
		assertThat(conversationOf.values()).doesNotHaveDuplicates();
	}

}
