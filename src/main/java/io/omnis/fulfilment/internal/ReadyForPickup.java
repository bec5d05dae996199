package io.omnis.fulfilment.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.PickupReady;
import io.omnis.fulfilment.RoutingSettings;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Reservations;

/**
 * Notices when a click-and-collect or curbside fulfilment is ready at the customer's
 * store: every pick and pack is done, and what other locations sent is handed over to the
 * carrier; only the counter's hand-over is left. The reservation is then kept for the
 * hold period and {@link PickupReady} is published, once.
 */
@Component
public class ReadyForPickup {

	private final FulfilmentStore fulfilments;

	private final TaskStore tasks;

	private final Work work;

	private final PickupStore pickups;

	private final Reservations reservations;

	private final RoutingSettings settings;

	private final PickupProperties properties;

	private final ApplicationEventPublisher events;

	ReadyForPickup(FulfilmentStore fulfilments, TaskStore tasks, Work work, PickupStore pickups,
			Reservations reservations, RoutingSettings settings, PickupProperties properties,
			ApplicationEventPublisher events) {
		this.fulfilments = fulfilments;
		this.tasks = tasks;
		this.work = work;
		this.pickups = pickups;
		this.reservations = reservations;
		this.settings = settings;
		this.properties = properties;
		this.events = events;
	}

	/** Whether the task is the counter's: handed over with the customer's code only. */
	public boolean atCounter(WorkTask task) {
		if (task.kind() != WorkTask.Kind.HAND_OVER) {
			return false;
		}
		return fulfilments.find(task.fulfilmentId(), false)
			.filter(f -> f.method().atStore() && task.locationId().equals(f.pickupLocationId()))
			.isPresent();
	}

	/** Called after each task of the fulfilment is done, in the same transaction. */
	public void check(FulfilmentId id, Instant now) {
		Fulfilment fulfilment = fulfilments.find(id, false).orElseThrow();
		LocationId store = fulfilment.pickupLocationId();
		if (!fulfilment.method().atStore() || store == null || fulfilment.active().isEmpty()) {
			return;
		}
		List<WorkTask> open = tasks.ofFulfilment(id).stream().filter(t -> t.status() == WorkTask.Status.OPEN).toList();
		if (open.stream().anyMatch(t -> t.kind() != WorkTask.Kind.HAND_OVER || !t.locationId().equals(store))) {
			return;
		}
		if (open.isEmpty()) {
			// Every line came from elsewhere: the counter still hands it over
			work.add(id, store, WorkTask.Kind.HAND_OVER, List.of(), now, settings.rules().handOverMinutes());
		}
		Instant holdUntil = now.plus(properties.holdPeriod());
		if (!pickups.insertReady(id, store, fulfilment.method(), now, holdUntil)) {
			return;
		}
		Reservation held = reservations.get(fulfilment.reservationId().value());
		if (held.status() == ReservationStatus.HELD) {
			Duration keep = properties.holdPeriod().plusDays(1);
			reservations.adjust(held.id(),
					held.lines().stream().map(l -> ReservationLine.of(l.sku(), l.locationId(), l.quantity())).toList(),
					keep.compareTo(Reservations.MAX_TTL) > 0 ? Reservations.MAX_TTL : keep);
		}
		events.publishEvent(new PickupReady(id, fulfilment.channelId(), fulfilment.reference(), fulfilment.customer(),
				store, fulfilment.method(), holdUntil, now));
	}

}
