package io.omnis.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.fulfilment.internal.FulfilmentStore;
import io.omnis.fulfilment.internal.ParcelStore;
import io.omnis.fulfilment.internal.TaskStore;
import io.omnis.kernel.CustomerActivity;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.Actor;

/**
 * Shipping and tracking of the parcels of shipped fulfilments (SHIP, SAME_DAY), packed by
 * {@link Packing}: each parcel is handed to a {@link Carrier} (shipping the last one
 * hands the location's part over), and the carrier's statuses follow it to the customer's
 * timeline. When every line was handed over and every parcel delivered,
 * {@link FulfilmentDelivered} is published.
 */
@Service
public class Parcels {

	private final ParcelStore store;

	private final TaskStore tasks;

	private final FulfilmentStore fulfilments;

	private final WorkQueue queue;

	private final Map<String, Carrier> carriers;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Parcels(ParcelStore store, TaskStore tasks, FulfilmentStore fulfilments, WorkQueue queue, List<Carrier> carriers,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.fulfilments = fulfilments;
		this.queue = queue;
		this.carriers = new TreeMap<>(carriers.stream().collect(Collectors.toMap(Carrier::name, c -> c)));
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Hands a packed parcel to the carrier, which answers its tracking number and link.
	 * Shipping the last packed parcel of the fulfilment at its location completes that
	 * location's hand-over (the last one consumes the reservation).
	 */
	public Parcel ship(String parcelId, @Nullable String carrierName, Map<String, String> details) {
		Carrier carrier = carriers.get(carrierName == null ? "" : carrierName.strip());
		if (carrier == null) {
			throw ProblemException.invalidField("carrier", "must be one of " + carriers.keySet());
		}
		return transactions.execute(status -> {
			Parcel parcel = locked(parcelId);
			if (parcel.status() != ParcelStatus.PACKED) {
				throw new ProblemException(ProblemType.CONFLICT,
						"Parcel " + parcelId + " is " + parcel.status() + " and was shipped already",
						List.of(new FieldError("status", "is " + parcel.status())));
			}
			Carrier.Shipment shipment = carrier.ship(parcel, details);
			Instant now = clock.instant();
			store.move(parcel.id(), ParcelStatus.PACKED, ParcelStatus.SHIPPED, carrier.name(),
					shipment.trackingNumber(), shipment.trackingUrl(), null, Actor.current(), now);
			Parcel shipped = store.find(parcel.id(), false).orElseThrow();
			Fulfilment fulfilment = fulfilments.find(parcel.fulfilmentId(), false).orElseThrow();
			tell(fulfilment, shipped, now);
			boolean allShipped = store.ofFulfilment(fulfilment.id())
				.stream()
				.noneMatch(p -> p.locationId().equals(parcel.locationId()) && p.status() == ParcelStatus.PACKED);
			if (allShipped) {
				tasks.ofFulfilment(fulfilment.id())
					.stream()
					.filter(t -> t.kind() == WorkTask.Kind.HAND_OVER && t.status() == WorkTask.Status.OPEN
							&& t.locationId().equals(parcel.locationId()))
					.forEach(t -> queue.finish(tasks.find(t.id(), true).orElseThrow(), now));
			}
			return shipped;
		});
	}

	/**
	 * A status the carrier reported (or, for the manual carrier, an associate entered).
	 * An illegal step is a 409 naming {@code status} and changes nothing.
	 */
	public Parcel track(String parcelId, @Nullable ParcelStatus next, @Nullable String note) {
		if (next == null || next == ParcelStatus.PACKED || next == ParcelStatus.SHIPPED) {
			throw ProblemException.invalidField("status",
					"must be IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, FAILED or RETURNED (a parcel is shipped with"
							+ " /ship)");
		}
		if (note != null && (note.length() > 500 || note.chars().anyMatch(c -> c < 32 && c != '\n'))) {
			throw ProblemException.invalidField("note", "must be at most 500 printable characters");
		}
		return transactions.execute(status -> {
			Parcel parcel = locked(parcelId);
			if (!parcel.status().next().contains(next)) {
				throw new ProblemException(ProblemType.CONFLICT,
						"Parcel " + parcelId + " is " + parcel.status() + " and cannot become " + next,
						List.of(new FieldError("status", "is " + parcel.status())))
					.with("parcelStatus", parcel.status().name());
			}
			Instant now = clock.instant();
			store.move(parcel.id(), parcel.status(), next, null, null, null, note, Actor.current(), now);
			Parcel moved = store.find(parcel.id(), false).orElseThrow();
			Fulfilment fulfilment = fulfilments.find(parcel.fulfilmentId(), true).orElseThrow();
			tell(fulfilment, moved, now);
			if (next == ParcelStatus.DELIVERED && !tasks.anyOpen(fulfilment.id())
					&& store.ofFulfilment(fulfilment.id())
						.stream()
						.allMatch(p -> p.status() == ParcelStatus.DELIVERED)) {
				events.publishEvent(
						new FulfilmentDelivered(fulfilment.id(), fulfilment.channelId(), fulfilment.reference(), now));
			}
			return moved;
		});
	}

	public Parcel get(String parcelId) {
		if (!ParcelId.isValid(parcelId)) {
			throw new NotFoundException("parcel", parcelId);
		}
		return store.find(new ParcelId(parcelId), false).orElseThrow(() -> new NotFoundException("parcel", parcelId));
	}

	/** The parcels of a fulfilment, oldest first. */
	public List<Parcel> of(FulfilmentId id) {
		return store.ofFulfilment(id);
	}

	/** The carriers parcels can be shipped with, by name. */
	public Set<String> carriers() {
		return carriers.keySet();
	}

	private Parcel locked(String parcelId) {
		if (!ParcelId.isValid(parcelId)) {
			throw new NotFoundException("parcel", parcelId);
		}
		return store.find(new ParcelId(parcelId), true).orElseThrow(() -> new NotFoundException("parcel", parcelId));
	}

	private void tell(Fulfilment fulfilment, Parcel parcel, Instant now) {
		events.publishEvent(new ParcelStatusChanged(parcel.id(), fulfilment.id(), fulfilment.channelId(),
				fulfilment.reference(), fulfilment.customer(), parcel.status(), parcel.carrier(),
				parcel.trackingNumber(), parcel.trackingUrl(), now));
		if (fulfilment.customer() != null) {
			String tracking = parcel.trackingUrl() == null ? ""
					: " (" + parcel.carrier() + " " + parcel.trackingNumber() + ": " + parcel.trackingUrl() + ")";
			events.publishEvent(new CustomerActivity(fulfilment.customer(), now,
					"parcel." + parcel.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
					fulfilment.channelId().value(),
					"Parcel " + parcel.id() + " of " + fulfilment.reference() + " is "
							+ parcel.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + tracking,
					parcel.id().value()));
		}
	}

}
