package io.omnis.customer;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.ResolverOffOmnis;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events still waiting for resolution when their customer is erased: hers go with her, so
 * that resolution does not make her anew from them, while an event of another person on
 * her shared device stays. The background workers are off, so the events wait.
 */
class QueuedEventsErasureTests extends ResolverOffOmnis {

	@Autowired
	Profiles profiles;

	@Autowired
	JdbcClient jdbc;

	@Test
	void herWaitingEventsGoWithHerAndAnotherUsersEventOnHerDeviceStays() {
		String channel = channels.create(ChannelType.WEB, "erasure " + UUID.randomUUID(), null, Set.of())
			.channel()
			.id()
			.value();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String device = "tablet-" + suffix;
		String her = "ines-" + suffix;
		String him = "rui-" + suffix;
		assertThat(collection.record(channel, message("a-" + suffix, device, her))).isTrue();
		while (resolver.resolveBatch(1000) > 0) {
			// resolved
		}
		String profile = profiles.lookup(new Identifier("user_id", her)).orElseThrow().id();
		// Waiting: one of hers on the device, one anonymous from it, one of his on it
		assertThat(collection.record(channel, message("b-" + suffix, device, her))).isTrue();
		assertThat(collection.record(channel, message("c-" + suffix, device, null))).isTrue();
		assertThat(collection.record(channel, message("d-" + suffix, device, him))).isTrue();

		Erasure erased = profiles.erase(profile, false);

		assertThat(erased.events()).isEqualTo(3);
		assertThat(jdbc.sql("select message_id from tracked_event where anonymous_id = :device")
			.param("device", device)
			.query(String.class)
			.list()).containsExactly("d-" + suffix);
		while (resolver.resolveBatch(1000) > 0) {
			// resolved
		}
		assertThat(profiles.lookup(new Identifier("user_id", her))).isEmpty();
		assertThat(profiles.lookup(new Identifier("user_id", him))).isPresent();
	}

	private static ObjectNode message(String messageId, String anonymousId, String userId) {
		ObjectNode message = JSON.createObjectNode();
		message.put("type", "identify");
		message.put("messageId", messageId);
		message.put("anonymousId", anonymousId);
		if (userId != null) {
			message.put("userId", userId);
		}
		return message;
	}

}
