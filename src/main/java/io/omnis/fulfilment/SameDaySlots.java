package io.omnis.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.fulfilment.internal.SameDayProperties;
import io.omnis.fulfilment.internal.SlotCalendar;
import io.omnis.fulfilment.internal.SlotStore;
import io.omnis.inventory.Capability;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Same-day delivery slots per store, reckoned in the store's time zone: what can be
 * booked on a date, and booking one for an order (its capacity taken by one conditional
 * statement in the caller's transaction). The store of the booked slot is the one that
 * delivers: routing looks nowhere else.
 */
@Service
@Transactional
public class SameDaySlots {

	/** How many days ahead (the store's today included) slots are answered and booked. */
	public static final int DAYS_AHEAD = 7;

	private final SlotStore store;

	private final Locations locations;

	private final SameDayProperties defaults;

	private final Clock clock;

	SameDaySlots(SlotStore store, Locations locations, SameDayProperties defaults, Clock clock) {
		this.store = store;
		this.locations = locations;
		this.defaults = defaults;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public SameDaySettings settings(String locationId) {
		Location location = locations.get(locationId);
		return store.settings(location.id()).orElseGet(defaults::settings);
	}

	/** Sets the store's slots; each bad member is a 400 naming it, nothing changed. */
	public SameDaySettings configure(String locationId, @Nullable LocalTime opens, @Nullable LocalTime closes,
			@Nullable Integer slotMinutes, @Nullable Integer capacity, @Nullable LocalTime cutoff,
			@Nullable Integer leadMinutes) {
		Location location = locations.get(locationId);
		SameDaySettings current = store.settings(location.id()).orElseGet(defaults::settings);
		SameDaySettings next = new SameDaySettings(opens == null ? current.opens() : opens,
				closes == null ? current.closes() : closes, slotMinutes == null ? current.slotMinutes() : slotMinutes,
				capacity == null ? current.capacity() : capacity, cutoff == null ? current.cutoff() : cutoff,
				leadMinutes == null ? current.leadMinutes() : leadMinutes);
		if (next.slotMinutes() < 30 || next.slotMinutes() > 720) {
			throw ProblemException.invalidField("slotMinutes", "must be between 30 and 720");
		}
		if (!next.opens().isBefore(next.closes())
				|| next.opens().plusMinutes(next.slotMinutes()).isAfter(next.closes())) {
			throw ProblemException.invalidField("closes", "must leave room for one slot after opens");
		}
		if (next.capacity() < 0 || next.capacity() > 100_000) {
			throw ProblemException.invalidField("capacity", "must be between 0 and 100000");
		}
		if (next.leadMinutes() < 0 || next.leadMinutes() > 1440) {
			throw ProblemException.invalidField("leadMinutes", "must be between 0 and 1440");
		}
		store.save(location.id(), next, clock.instant());
		return next;
	}

	/**
	 * The store's slots on its local date (today up to {@value #DAYS_AHEAD} days ahead).
	 */
	@Transactional(readOnly = true)
	public List<SameDaySlot> slots(String locationId, @Nullable LocalDate date) {
		Location location = sameDayStore(locationId, "locationId");
		Instant now = clock.instant();
		LocalDate today = now.atZone(location.timeZone()).toLocalDate();
		LocalDate day = date == null ? today : date;
		if (day.isBefore(today) || !day.isBefore(today.plusDays(DAYS_AHEAD))) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER,
					"Parameter 'date' must be between " + today + " and " + today.plusDays(DAYS_AHEAD - 1)
							+ " (the store's dates)",
					List.of(new FieldError("date", "is not within the next " + DAYS_AHEAD + " days of the store")));
		}
		return slots(location, day, now);
	}

	private List<SameDaySlot> slots(Location location, LocalDate day, Instant now) {
		SameDaySettings settings = store.settings(location.id()).orElseGet(defaults::settings);
		Instant from = day.atStartOfDay(location.timeZone()).toInstant();
		Instant until = day.plusDays(1).atStartOfDay(location.timeZone()).toInstant();
		return SlotCalendar.slots(settings, location.timeZone(), day, now, store.booked(location.id(), from, until));
	}

	/**
	 * Books the slot starting at {@code start} at the store for the reference, in the
	 * caller's transaction. A slot past its cut-off is a 422 ({@code slot-closed}), a
	 * full one a 409 ({@code slot-full}), both naming {@code field + ".start"}.
	 * @param field how the caller names the slot in its request, such as
	 * {@code fulfilment.slot}
	 */
	public SameDayBooking book(ChannelId channel, String reference, @Nullable String locationId,
			@Nullable OffsetDateTime start, String field) {
		if (locationId == null || !LocationId.isValid(locationId)) {
			throw ProblemException.invalidField(field + ".locationId", "is required: the store delivering the slot");
		}
		Location location = sameDayStore(locationId, field + ".locationId");
		if (start == null) {
			throw ProblemException.invalidField(field + ".start", "is required: the start of a slot");
		}
		Instant now = clock.instant();
		LocalDate day = start.atZoneSameInstant(location.timeZone()).toLocalDate();
		SameDaySlot slot = slots(location, day, now).stream()
			.filter(s -> s.start().toInstant().equals(start.toInstant()))
			.findFirst()
			.orElseThrow(() -> ProblemException.invalidField(field + ".start", "is not the start of a slot of store "
					+ location.id() + " (see GET /api/v1/locations/" + location.id() + "/same-day-slots)"));
		LocalDate today = now.atZone(location.timeZone()).toLocalDate();
		if (!day.isBefore(today.plusDays(DAYS_AHEAD))) {
			throw ProblemException.invalidField(field + ".start",
					"is more than " + DAYS_AHEAD + " days ahead of the store's today");
		}
		if (!slot.bookable() && !"full".equals(slot.why())) {
			throw new ProblemException(ProblemType.SLOT_CLOSED,
					"The slot at " + slot.start() + " of store " + location.id() + " takes no more bookings: "
							+ slot.why(),
					List.of(new FieldError(field + ".start", String.valueOf(slot.why()))))
				.with("bookableUntil", slot.bookableUntil().toString());
		}
		if (store.booking(channel, reference).isPresent()) {
			throw ProblemException.conflict("Reference '" + reference + "' has a same-day slot booked already");
		}
		if (!store.take(location.id(), slot.start().toInstant(), slot.capacity())) {
			throw new ProblemException(ProblemType.SLOT_FULL,
					"The slot at " + slot.start() + " of store " + location.id() + " is full",
					List.of(new FieldError(field + ".start", "is full")))
				.with("capacity", slot.capacity());
		}
		return store.book(channel, reference, location.id(), slot.start().toInstant(), slot.end().toInstant(),
				location.timeZone(), now);
	}

	/** The slot the reference booked, in the store's local time. */
	@Transactional(readOnly = true)
	public Optional<SameDayBooking> booking(ChannelId channel, String reference) {
		return store.booking(channel, reference).map(b -> {
			var zone = locations.find(b.locationId()).map(Location::timeZone).orElse(java.time.ZoneOffset.UTC);
			return new SameDayBooking(b.id(), b.channelId(), b.reference(), b.locationId(),
					b.start().atZoneSameInstant(zone).toOffsetDateTime(),
					b.end().atZoneSameInstant(zone).toOffsetDateTime());
		});
	}

	/** Gives the reference's slot back (its order was cancelled); nothing when none. */
	public void release(ChannelId channel, String reference) {
		store.release(channel, reference);
	}

	private Location sameDayStore(String locationId, String field) {
		// A path names a resource (404 when unknown); a request body names a field (400)
		Location location = field.contains(".")
				? locations.find(new LocationId(locationId))
					.orElseThrow(() -> ProblemException.invalidField(field, "is not a known location"))
				: locations.get(locationId);
		if (!location.can(Capability.SAME_DAY)) {
			throw ProblemException.invalidField(field,
					"is location " + location.id() + ", which has no SAME_DAY capability");
		}
		return location;
	}

}
