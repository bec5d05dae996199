package io.omnis.inventory;

import java.time.Instant;
import java.util.List;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.problem.ProblemException;

/**
 * Stock held for a cart or an order until it is consumed (sold), released, or expires.
 *
 * @param reference the cart or order it holds for, in the channel's own words
 */
public record Reservation(ReservationId id, ChannelId channelId, String reference, ReservationKind kind,
		ReservationStatus status, List<ReservationLine> lines, Instant expiresAt, Instant createdAt,
		Instant updatedAt) {

	public boolean isHeldAt(Instant now) {
		return status == ReservationStatus.HELD && expiresAt.isAfter(now);
	}

	/**
	 * Refuses any change to a reservation that no longer holds stock, or whose time is
	 * up.
	 */
	public Reservation requireHeld(Instant now, String action) {
		if (status != ReservationStatus.HELD) {
			throw ProblemException.conflict("Reservation " + id + " is " + status + " and can no longer be " + action);
		}
		if (!expiresAt.isAfter(now)) {
			throw ProblemException.conflict("Reservation " + id + " expired at " + expiresAt + " and can no longer be "
					+ action + "; make a new one");
		}
		return this;
	}

	/** The lines in the order their stock is locked. */
	public List<ReservationLine> linesInLockOrder() {
		return lines.stream().sorted(ReservationLine.LOCK_ORDER).toList();
	}

	/** The reservation holding other lines, and until {@code until}. */
	public Reservation adjusted(List<ReservationLine> newLines, Instant until, Instant now) {
		requireHeld(now, "adjusted");
		return new Reservation(id, channelId, reference, kind, status, List.copyOf(newLines), until, createdAt, now);
	}

	/** Its units sold; the lines stay as the record of what was sold where. */
	public Reservation consumed(Instant now) {
		requireHeld(now, "consumed");
		return to(ReservationStatus.CONSUMED, now);
	}

	/** Let go before its time, by whoever holds it. */
	public Reservation released(Instant now) {
		if (status != ReservationStatus.HELD) {
			throw ProblemException.conflict("Reservation " + id + " is " + status + " and can no longer be released");
		}
		return to(ReservationStatus.RELEASED, now);
	}

	/** Let go because its time is up. */
	public Reservation expired(Instant now) {
		if (status != ReservationStatus.HELD || expiresAt.isAfter(now)) {
			throw new IllegalStateException("Reservation " + id + " is not due to expire");
		}
		return to(ReservationStatus.EXPIRED, now);
	}

	private Reservation to(ReservationStatus newStatus, Instant now) {
		return new Reservation(id, channelId, reference, kind, newStatus, lines, expiresAt, createdAt, now);
	}

}
