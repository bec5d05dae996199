package io.omnis.order;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.kernel.problem.ProblemException;

/**
 * Each channel's choice of when to hold stock for carts.
 */
@Service
@Transactional
public class ReservationPolicies {

	public static final Duration DEFAULT_HOLD = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final Channels channels;

	private final Clock clock;

	ReservationPolicies(JdbcClient jdbc, Channels channels, Clock clock) {
		this.jdbc = jdbc;
		this.channels = channels;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public ReservationPolicy of(ChannelId channel) {
		return jdbc.sql("select mode, hold_minutes from reservation_policy where channel_id = :channel")
			.param("channel", channel.value())
			.query((rs, n) -> of(channel, rs.getString(1), rs.getInt(2)))
			.optional()
			.orElse(of(channel, null, 0));
	}

	/**
	 * The policy a {@code reservation_policy} row says ({@code mode} null when the
	 * channel has none: holding at checkout).
	 */
	public static ReservationPolicy of(ChannelId channel, @Nullable String mode, int holdMinutes) {
		return mode == null ? new ReservationPolicy(channel, ReservationPolicy.Mode.AT_CHECKOUT, DEFAULT_HOLD)
				: new ReservationPolicy(channel, ReservationPolicy.Mode.valueOf(mode), Duration.ofMinutes(holdMinutes));
	}

	public ReservationPolicy set(ChannelId channel, ReservationPolicy.Mode mode, int holdMinutes) {
		if (channels.find(channel).isEmpty()) {
			throw ProblemException.invalidField("channelId", "is not a known channel");
		}
		if (holdMinutes < 1 || holdMinutes > 10080) {
			throw ProblemException.invalidField("holdMinutes", "must be between 1 and 10080 (a week)");
		}
		jdbc.sql("""
				insert into reservation_policy (channel_id, mode, hold_minutes, updated_at)
				values (:channel, :mode, :hold, :now)
				on conflict (channel_id) do update set mode = excluded.mode, hold_minutes = excluded.hold_minutes,
				       updated_at = excluded.updated_at""")
			.param("channel", channel.value())
			.param("mode", mode.name())
			.param("hold", holdMinutes)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		return of(channel);
	}

}
