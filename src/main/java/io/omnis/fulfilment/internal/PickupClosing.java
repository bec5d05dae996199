package io.omnis.fulfilment.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.Allocation;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.FulfilmentHandedOver;
import io.omnis.fulfilment.Pickup;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Reservations;

/**
 * The end of a pickup, collected or not: what the customer took is sold where it was
 * held, the rest let go, the location's work finished, the pickup and its code closed.
 * Runs in the caller's transaction, under the pickup's row lock.
 */
@Component
public class PickupClosing {

	private final PickupStore store;

	private final TaskStore tasks;

	private final Reservations reservations;

	private final ApplicationEventPublisher events;

	PickupClosing(PickupStore store, TaskStore tasks, Reservations reservations, ApplicationEventPublisher events) {
		this.store = store;
		this.tasks = tasks;
		this.reservations = reservations;
		this.events = events;
	}

	/**
	 * Sells the collected units where they were held and lets the rest go, finishes the
	 * work and closes the pickup.
	 */
	public void close(Fulfilment fulfilment, Map<String, Integer> collected, Pickup.Status status, String codeStatus,
			Instant now) {
		Reservation held = reservations.get(fulfilment.reservationId().value());
		Map<String, ReservationLine> sold = new LinkedHashMap<>();
		for (Allocation a : fulfilment.active()) {
			int units = collected.getOrDefault(a.id(), 0);
			if (units > 0) {
				String key = a.sku().value() + "@" + a.locationId().value();
				ReservationLine before = sold.get(key);
				sold.put(key,
						ReservationLine.of(a.sku(), a.locationId(), units + (before == null ? 0 : before.quantity())));
			}
		}
		boolean anySold = !sold.isEmpty();
		if (held.status() == ReservationStatus.HELD) {
			if (!anySold) {
				reservations.release(held.id());
			}
			else {
				if (!sameLines(held.lines(), sold.values())) {
					reservations.adjust(held.id(), List.copyOf(sold.values()), null);
				}
				reservations.consume(held.id());
			}
		}
		for (WorkTask task : tasks.ofFulfilment(fulfilment.id())) {
			if (task.status() == WorkTask.Status.OPEN) {
				tasks.finish(task.id(), anySold && task.kind() == WorkTask.Kind.HAND_OVER ? WorkTask.Status.DONE
						: WorkTask.Status.CANCELLED, now);
			}
		}
		store.close(fulfilment.id(), status, now);
		store.endCodes(fulfilment.id(), codeStatus, now);
		if (anySold) {
			events.publishEvent(new FulfilmentHandedOver(fulfilment.id(), fulfilment.channelId(),
					fulfilment.reference(), held.id(), now));
		}
	}

	private static boolean sameLines(List<ReservationLine> held, java.util.Collection<ReservationLine> sold) {
		Set<String> a = new HashSet<>();
		held.forEach(l -> a.add(l.sku().value() + "@" + l.locationId().value() + "=" + l.quantity()));
		Set<String> b = new HashSet<>();
		sold.forEach(l -> b.add(l.sku().value() + "@" + l.locationId().value() + "=" + l.quantity()));
		return a.equals(b);
	}

}
