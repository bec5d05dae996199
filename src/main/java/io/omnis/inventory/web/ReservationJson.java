package io.omnis.inventory.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationKind;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Reservations;
import io.omnis.kernel.problem.ProblemException;

/**
 * The JSON shapes of the reservation API.
 */
final class ReservationJson {

	static final long DEFAULT_TTL_SECONDS = 900;

	private ReservationJson() {
	}

	record LineBody(@Nullable String sku, @Nullable String locationId, @Nullable Integer quantity) {
	}

	record ReserveBody(@Nullable String channelId, @Nullable String reference, @Nullable ReservationKind kind,
			@Nullable Long ttlSeconds, @Nullable List<LineBody> lines) {
	}

	record AdjustBody(@Nullable List<LineBody> lines, @Nullable Long ttlSeconds) {
	}

	record LineView(String sku, String locationId, int quantity, int fromAllocation) {
	}

	record ReservationView(String id, String channelId, String reference, ReservationKind kind,
			ReservationStatus status, List<LineView> lines, Instant expiresAt, Instant createdAt, Instant updatedAt) {

		static ReservationView of(Reservation r) {
			return new ReservationView(r.id().value(), r.channelId().value(), r.reference(), r.kind(), r.status(), r
				.lines()
				.stream()
				.map(l -> new LineView(l.sku().value(), l.locationId().value(), l.quantity(), l.fromAllocation()))
				.toList(), r.expiresAt(), r.createdAt(), r.updatedAt());
		}

	}

	static List<ReservationLine> lines(@Nullable List<LineBody> bodies) {
		List<LineBody> checked = Requests.required(bodies, "lines");
		if (checked.isEmpty() || checked.size() > Reservations.MAX_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + Reservations.MAX_LINES + " lines");
		}
		List<ReservationLine> lines = new ArrayList<>();
		for (int i = 0; i < checked.size(); i++) {
			String prefix = "lines[" + i + "].";
			LineBody line = Requests.required(checked.get(i), "lines[" + i + "]");
			lines.add(ReservationLine.of(Requests.sku(line.sku(), prefix + "sku"),
					Requests.location(line.locationId(), prefix + "locationId"),
					Requests.required(line.quantity(), prefix + "quantity")));
		}
		return lines;
	}

	static @Nullable Duration ttl(@Nullable Long seconds) {
		if (seconds == null) {
			return null;
		}
		if (seconds < 1 || seconds > Reservations.MAX_TTL.toSeconds()) {
			throw ProblemException.invalidField("ttlSeconds",
					"must be between 1 and " + Reservations.MAX_TTL.toSeconds());
		}
		return Duration.ofSeconds(seconds);
	}

}
