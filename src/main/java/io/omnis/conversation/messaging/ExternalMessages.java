package io.omnis.conversation.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The messaging_message table: provider message ids (Twilio's MessageSid, Meta's mid)
 * against conversation messages. Claiming an id is a conditional insert, so a webhook
 * delivered twice, even at the same moment on two nodes, is taken in once.
 */
@Repository
class ExternalMessages {

	/** Delivery states, in the order they move; the last three end it. */
	static final List<String> DELIVERY = List.of("PENDING", "QUEUED", "SENT", "DELIVERED", "UNDELIVERED", "FAILED");

	private final JdbcClient jdbc;

	private final Clock clock;

	ExternalMessages(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** What claiming a provider message id found. */
	sealed interface Claim {

		/** Nobody took it in yet: this caller does. */
		record Taken() implements Claim {
		}

		/** Taken in before (or being taken in by another request right now). */
		record Seen(@Nullable String messageId, String kind) implements Claim {
		}

	}

	/**
	 * Claims an inbound provider message id; a claim left without a message for longer
	 * than {@code staleAfter} (a crash while taking it in) is taken over.
	 */
	Claim claim(String channelId, String externalId, String address, Duration staleAfter) {
		Instant now = clock.instant();
		int inserted = jdbc
			.sql("""
					insert into messaging_message (channel_id, external_id, direction, kind, address, claimed_at, updated_at)
					values (:channel, :external, 'IN', 'MESSAGE', :address, :now, :now)
					on conflict (channel_id, external_id) do update set claimed_at = excluded.claimed_at
					 where messaging_message.message_id is null and messaging_message.kind = 'MESSAGE'
					   and messaging_message.claimed_at < :stale""")
			.param("channel", channelId)
			.param("external", externalId)
			.param("address", address)
			.param("now", Timestamp.from(now))
			.param("stale", Timestamp.from(now.minus(staleAfter)))
			.update();
		if (inserted == 1) {
			return new Claim.Taken();
		}
		return jdbc
			.sql("select message_id, kind from messaging_message where channel_id = :channel and external_id = :ext")
			.param("channel", channelId)
			.param("ext", externalId)
			.query((rs, row) -> (Claim) new Claim.Seen(rs.getString("message_id"), rs.getString("kind")))
			.single();
	}

	/** The claimed message was stored in a conversation. */
	void stored(String channelId, String externalId, String messageId) {
		jdbc.sql("""
				update messaging_message set message_id = :message, updated_at = :now
				 where channel_id = :channel and external_id = :ext""")
			.param("channel", channelId)
			.param("ext", externalId)
			.param("message", messageId)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** The claimed message was a keyword (STOP, START): acknowledged, never routed. */
	void keyword(String channelId, String externalId) {
		jdbc.sql("""
				update messaging_message set kind = 'KEYWORD', updated_at = :now
				 where channel_id = :channel and external_id = :ext""")
			.param("channel", channelId)
			.param("ext", externalId)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** The message was refused: nothing of it stays, so a corrected retry is taken in. */
	void release(String channelId, String externalId) {
		jdbc.sql("""
				delete from messaging_message where channel_id = :channel and external_id = :ext and message_id is null
				   and kind = 'MESSAGE'""").param("channel", channelId).param("ext", externalId).update();
	}

	/**
	 * Where the customer last wrote from in this conversation through a channel of the
	 * given type: the channel and her address there.
	 */
	Optional<Destination> lastInbound(String conversationId, String medium) {
		return jdbc.sql("""
				select x.channel_id, x.address from messaging_message x
				  join conversation_message m on m.id = x.message_id
				 where m.conversation_id = :conversation and m.medium = :medium and x.direction = 'IN'
				 order by m.id desc limit 1""")
			.param("conversation", conversationId)
			.param("medium", medium)
			.query((rs, row) -> new Destination(rs.getString("channel_id"), rs.getString("address")))
			.optional();
	}

	/** An answer about to go out, under its message id until the provider names it. */
	void outbound(String channelId, String messageId, String address) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into messaging_message (channel_id, external_id, direction, kind, message_id, address, status,
				       claimed_at, updated_at)
				values (:channel, :message, 'OUT', 'MESSAGE', :message, :address, 'PENDING', :now, :now)""")
			.param("channel", channelId)
			.param("message", messageId)
			.param("address", address)
			.param("now", now)
			.update();
	}

	/** An answer waiting to be sent. */
	Optional<Outgoing> outgoing(String messageId) {
		return jdbc
			.sql("""
					select x.channel_id, x.address, m.body from messaging_message x join conversation_message m on m.id = x.message_id
					 where x.message_id = :message and x.direction = 'OUT' and x.external_id = :message""")
			.param("message", messageId)
			.query((rs, row) -> new Outgoing(messageId, rs.getString("channel_id"), rs.getString("address"),
					rs.getString("body")))
			.optional();
	}

	/** The provider took the answer and named it. */
	void named(String messageId, String externalId) {
		jdbc.sql("""
				update messaging_message set external_id = :ext, updated_at = :now
				 where message_id = :message and direction = 'OUT' and external_id = :message""")
			.param("message", messageId)
			.param("ext", externalId)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/**
	 * The answer sent through this channel that a provider message id names, or that the
	 * status callback URL named (a status can come before the provider's answer to the
	 * send was recorded).
	 */
	Optional<String> outboundMessage(String channelId, String externalId, @Nullable String messageId) {
		return jdbc.sql("""
				select message_id from messaging_message
				 where channel_id = :channel and direction = 'OUT' and (external_id = :ext or message_id = :message)
				 limit 1""")
			.param("channel", channelId)
			.param("ext", externalId)
			.param("message", messageId == null ? "" : messageId)
			.query(String.class)
			.optional();
	}

	/**
	 * Moves an answer's delivery state forward, never back: a "sent" that arrives after
	 * "delivered" changes nothing, and a failure is final.
	 * @return whether it changed
	 */
	boolean delivery(String messageId, String status, @Nullable String error) {
		int rank = DELIVERY.indexOf(status);
		if (rank < 0) {
			throw new IllegalArgumentException(status);
		}
		List<String> earlier = DELIVERY.subList(0, Math.min(rank, 3));
		if (earlier.isEmpty()) {
			return false;
		}
		int changed = jdbc.sql("""
				update conversation_message set delivery = :status, delivery_error = :error
				 where id = :id and direction = 'OUT' and delivery = any(:earlier)""")
			.param("id", messageId)
			.param("status", status)
			.param("error", error)
			.param("earlier", earlier.toArray(String[]::new))
			.update();
		if (changed == 1) {
			jdbc.sql("""
					update messaging_message set status = :status, error = :error, updated_at = :now
					 where message_id = :id and direction = 'OUT'""")
				.param("id", messageId)
				.param("status", status)
				.param("error", error)
				.param("now", Timestamp.from(clock.instant()))
				.update();
		}
		return changed == 1;
	}

	/** A channel and the customer's address in it. */
	record Destination(String channelId, String address) {
	}

	record Outgoing(String messageId, String channelId, String address, String body) {
	}

}
