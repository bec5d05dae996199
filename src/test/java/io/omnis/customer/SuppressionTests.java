package io.omnis.customer;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.ResolverOffOmnis;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erased customer who is suppressed is not collected again: a later message that names
 * one of her identifiers (her user id, her device, her e-mail on a new device) is deleted
 * at resolution and counted as {@code suppressed}, while another person signed in on her
 * shared device is still collected, without her device's id. Lifting one identifier lets
 * it be collected again; an erasure without suppression lets her come back as a new
 * profile. The background workers are off: the test resolves each batch itself.
 */
class SuppressionTests extends ResolverOffOmnis {

	@Autowired
	Profiles profiles;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	String channel;

	String suffix;

	String device;

	String her;

	String email;

	@BeforeEach
	void sheIsKnown() {
		channel = channels.create(ChannelType.WEB, "suppression " + UUID.randomUUID(), null, Set.of())
			.channel()
			.id()
			.value();
		suffix = UUID.randomUUID().toString().substring(0, 8);
		device = "laptop-" + suffix;
		her = "maya-" + suffix;
		email = "maya-" + suffix + "@example.com";
		ObjectNode identify = message("identify", "a-" + suffix, device, her);
		identify.putObject("traits").put("email", email).put("firstName", "Maya");
		assertThat(collection.record(channel, identify)).isTrue();
		resolveAll();
	}

	@Test
	void hersAreDroppedAndCountedAnotherUserOnHerDeviceIsKeptWithoutHerDevice() {
		Erasure erased = profiles.erase(profile(), true);
		assertThat(erased.suppressed()).isEqualTo(3);
		assertThat(profiles
			.suppression(Identifier.parse("email:" + email.toUpperCase(java.util.Locale.ROOT)).orElseThrow()))
			.hasValueSatisfying(s -> assertThat(s.profileId()).isEqualTo(erased.profileId()));

		String him = "noah-" + suffix;
		// Hers: her user id from a new device, her device alone, her e-mail from a new
		// device; then his on her device, and a stranger
		record(message("track", "b-" + suffix, "phone-" + suffix, her));
		record(message("track", "c-" + suffix, device, null));
		ObjectNode newDevice = message("identify", "d-" + suffix, "tablet-" + suffix, null);
		newDevice.putObject("traits").put("email", email);
		record(newDevice);
		record(message("identify", "e-" + suffix, device, him));
		record(message("track", "f-" + suffix, "kiosk-" + suffix, null));
		resolveAll();

		assertThat(jdbc.sql("select message_id from tracked_event where channel_id = :channel order by message_id")
			.param("channel", channel)
			.query(String.class)
			.list()).containsExactly("e-" + suffix, "f-" + suffix);
		assertThat(dropped()).isEqualTo(3);
		assertThat(meters.counter("omnis.tracking.dropped", "channel", channel, "reason", "suppressed").count())
			.isEqualTo(3);
		Profile his = profiles.lookup(new Identifier("user_id", him)).orElseThrow();
		assertThat(his.identifiers()).extracting(i -> i.type() + ":" + i.value()).containsExactly("user_id:" + him);
		assertThat(profiles.lookup(new Identifier("anonymous_id", device))).isEmpty();
		assertThat(profiles.lookup(new Identifier("user_id", her))).isEmpty();
		assertThat(profiles.lookup(new Identifier("email", email))).isEmpty();
		assertThat(profiles.lookup(new Identifier("anonymous_id", "kiosk-" + suffix))).isPresent();
		// No value of hers is kept for the suppression
		assertThat(jdbc
			.sql("select count(*) from identifier_suppression s where strpos(s::text, :her) > 0 "
					+ "or strpos(s::text, :email) > 0 or strpos(s::text, :device) > 0")
			.param("her", her)
			.param("email", email)
			.param("device", device)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aMessageResolvedOutOfTurnIsDroppedToo() {
		profiles.erase(profile(), true);
		record(message("identify", "g-" + suffix, "phone-" + suffix, her));

		assertThat(profiles.resolveNow(channel, "g-" + suffix)).isEmpty();
		assertThat(jdbc.sql("select count(*) from tracked_event where channel_id = :channel and message_id = :id")
			.param("channel", channel)
			.param("id", "g-" + suffix)
			.query(Long.class)
			.single()).isZero();
		assertThat(dropped()).isEqualTo(1);
	}

	@Test
	void aLiftedIdentifierIsCollectedAgainTheOthersStaySuppressed() {
		profiles.erase(profile(), true);
		profiles.liftSuppression(new Identifier("user_id", her));
		assertThat(profiles.suppression(new Identifier("user_id", her))).isEmpty();
		assertThat(profiles.suppression(new Identifier("email", email))).isPresent();

		// She signs up again with her user id and e-mail: her user id makes her a new
		// profile, her e-mail is still kept out
		ObjectNode back = message("identify", "h-" + suffix, "phone-" + suffix, her);
		back.putObject("traits").put("email", email);
		record(back);
		resolveAll();

		Profile again = profiles.lookup(new Identifier("user_id", her)).orElseThrow();
		assertThat(again.identifiers()).extracting(i -> i.type() + ":" + i.value())
			.containsExactlyInAnyOrder("user_id:" + her, "anonymous_id:phone-" + suffix);
		assertThat(dropped()).isZero();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> profiles.liftSuppression(new Identifier("user_id", her)))
			.isInstanceOf(io.omnis.kernel.problem.NotFoundException.class);
	}

	@Test
	void withoutSuppressionSheComesBackAsANewProfile() {
		String erased = profile();
		Erasure erasure = profiles.erase(erased, false);
		assertThat(erasure.suppressed()).isZero();
		assertThat(profiles.suppression(new Identifier("user_id", her))).isEmpty();

		record(message("track", "i-" + suffix, device, her));
		resolveAll();

		assertThat(profiles.lookup(new Identifier("user_id", her)))
			.hasValueSatisfying(p -> assertThat(p.id()).isNotEqualTo(erased));
		assertThat(dropped()).isZero();
	}

	private String profile() {
		return profiles.lookup(new Identifier("user_id", her)).orElseThrow().id();
	}

	private long dropped() {
		return jdbc.sql("""
				select coalesce(sum(count), 0) from collection_counter
				 where channel_id = :channel and outcome = 'suppressed'""")
			.param("channel", channel)
			.query(Long.class)
			.single();
	}

	private void record(ObjectNode message) {
		assertThat(collection.record(channel, message)).isTrue();
	}

	private static ObjectNode message(String type, String messageId, String anonymousId, String userId) {
		ObjectNode message = JSON.createObjectNode();
		message.put("type", type);
		message.put("messageId", messageId);
		if (type.equals("track")) {
			message.put("event", "Viewed");
		}
		message.put("anonymousId", anonymousId);
		if (userId != null) {
			message.put("userId", userId);
		}
		return message;
	}

}
