package io.omnis.customer;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.tracking.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module that hears from a customer itself records the message through event collection
 * and gets her profile at once, under the same identity rules as any event.
 */
class ResolveNowTests extends RunningOmnis {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	Collection collection;

	@Autowired
	Profiles profiles;

	@Test
	void aRecordedMessageIsResolvedAtOnceAndJoinsTheProfileItsIdentifiersName() {
		String channel = channels.create(ChannelType.CHAT, unique("Resolve now"), null, Set.of())
			.channel()
			.id()
			.value();
		String suffix = UUID.randomUUID().toString().substring(0, 8);

		assertThat(collection.record(channel, message("m1-" + suffix, "anon-" + suffix, null))).isTrue();
		Profile visitor = profiles.resolveNow(channel, "m1-" + suffix).orElseThrow();
		assertThat(profiles.lookup(new Identifier("anonymous_id", "anon-" + suffix)).orElseThrow().id())
			.isEqualTo(visitor.id());

		// The same message again is a duplicate, and still finds her
		assertThat(collection.record(channel, message("m1-" + suffix, "anon-" + suffix, null))).isFalse();
		assertThat(profiles.resolveNow(channel, "m1-" + suffix).orElseThrow().id()).isEqualTo(visitor.id());

		// Her e-mail, known first on its own, joins the visitor when one message names
		// both
		collection.record(channel, message("m2-" + suffix, "mail-" + suffix, "tess-" + suffix + "@example.com"));
		Profile byMail = profiles.resolveNow(channel, "m2-" + suffix).orElseThrow();
		assertThat(byMail.id()).isNotEqualTo(visitor.id());
		collection.record(channel, message("m3-" + suffix, "anon-" + suffix, "tess-" + suffix + "@example.com"));
		Profile one = profiles.resolveNow(channel, "m3-" + suffix).orElseThrow();
		assertThat(profiles.lookup(new Identifier("email", "tess-" + suffix + "@example.com")).orElseThrow().id())
			.isEqualTo(one.id());
		assertThat(profiles.lookup(new Identifier("anonymous_id", "anon-" + suffix)).orElseThrow().id())
			.isEqualTo(one.id());

		// A message with only a blocked identifier belongs to no one
		collection.record(channel, message("m4-" + suffix, "undefined", null));
		assertThat(profiles.resolveNow(channel, "m4-" + suffix)).isEmpty();
		assertThat(profiles.resolveNow(channel, "never-sent-" + suffix)).isEmpty();
	}

	private static ObjectNode message(String messageId, String anonymousId, String email) {
		ObjectNode message = JSON.createObjectNode();
		message.put("type", "identify");
		message.put("messageId", messageId);
		message.put("anonymousId", anonymousId);
		if (email != null) {
			message.putObject("traits").put("email", email);
		}
		return message;
	}

}
