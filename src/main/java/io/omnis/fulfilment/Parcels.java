package io.omnis.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
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
 * Packing, shipping and tracking of the parcels of shipped fulfilments (SHIP, SAME_DAY):
 * every unit picked at a location is packed into weighed parcels, each parcel is handed
 * to a {@link Carrier} (shipping the last one hands the location's part over), and the
 * carrier's statuses follow it to the customer's timeline. When every line was handed
 * over and every parcel delivered, {@link FulfilmentDelivered} is published.
 */
@Service
public class Parcels {

	public static final int MAX_PARCELS = 50;

	public static final int MAX_WEIGHT_GRAMS = 70_000;

	public static final int MAX_SIDE_MM = 3_000;

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
	 * Packs what was picked for the PACK task's fulfilment at its location into parcels,
	 * all of it and nothing more, and queues the hand-over. Bad input changes nothing.
	 */
	public List<Parcel> pack(String taskId, @Nullable List<ParcelInput> parcels) {
		if (parcels == null || parcels.isEmpty() || parcels.size() > MAX_PARCELS) {
			throw ProblemException.invalidField("parcels", "must hold 1 to " + MAX_PARCELS + " parcels");
		}
		return transactions.execute(status -> {
			WorkTask task = tasks.find(taskId, true).orElseThrow(() -> new NotFoundException("task", taskId));
			if (task.kind() != WorkTask.Kind.PACK || task.status() != WorkTask.Status.OPEN) {
				throw ProblemException.conflict("Task " + taskId + " is a " + task.kind() + " task, " + task.status()
						+ ": only an open PACK task is packed");
			}
			Fulfilment fulfilment = fulfilments.find(task.fulfilmentId(), true).orElseThrow();
			if (fulfilment.method().atStore()) {
				throw ProblemException.conflict("Fulfilment " + fulfilment.id() + " is collected in store ("
						+ fulfilment.method() + "): its PACK task is completed, not packed into parcels");
			}
			Map<String, Integer> left = unpacked(fulfilment.id(), task);
			Instant now = clock.instant();
			List<Parcel> packed = new java.util.ArrayList<>();
			for (int i = 0; i < parcels.size(); i++) {
				packed.add(parcel(parcels.get(i), "parcels[" + i + "]", left, fulfilment, task, now));
			}
			left.forEach((sku, units) -> {
				if (units > 0) {
					throw ProblemException.invalidField("parcels", units + " × " + sku
							+ " picked for this fulfilment here are in no parcel: every picked unit is packed");
				}
			});
			String actor = Actor.current();
			packed.forEach(p -> store.insert(p, actor));
			queue.finish(task, now);
			return packed.stream().map(p -> store.find(p.id(), false).orElseThrow()).toList();
		});
	}

	/**
	 * Packs every unit picked and not packed yet for the PACK task into one parcel of the
	 * weight given, as the store tablet does.
	 */
	public List<Parcel> packAll(String taskId, @Nullable Integer weightGrams) {
		return transactions.execute(status -> {
			WorkTask task = tasks.find(taskId, false).orElseThrow(() -> new NotFoundException("task", taskId));
			List<ParcelInput.ItemInput> items = unpacked(task.fulfilmentId(), task).entrySet()
				.stream()
				.map(e -> new ParcelInput.ItemInput(e.getKey(), e.getValue()))
				.toList();
			return pack(taskId, List.of(new ParcelInput(items, weightGrams, null)));
		});
	}

	/** Units picked for the fulfilment at the task's location and not in a parcel yet. */
	private Map<String, Integer> unpacked(FulfilmentId id, WorkTask pack) {
		Map<String, Integer> left = new TreeMap<>();
		for (WorkTask t : tasks.ofFulfilment(id)) {
			if (t.kind() == WorkTask.Kind.PICK && t.locationId().equals(pack.locationId())) {
				t.items().forEach(i -> left.merge(i.sku(), i.picked(), Integer::sum));
			}
		}
		for (Parcel p : store.ofFulfilment(id)) {
			if (p.locationId().equals(pack.locationId())) {
				p.items().forEach(i -> left.merge(i.sku(), -i.quantity(), Integer::sum));
			}
		}
		left.values().removeIf(units -> units <= 0);
		return left;
	}

	private static Parcel parcel(ParcelInput input, String field, Map<String, Integer> left, Fulfilment fulfilment,
			WorkTask task, Instant now) {
		if (input == null) {
			throw ProblemException.invalidField(field, "is required");
		}
		if (input.items() == null || input.items().isEmpty()) {
			throw ProblemException.invalidField(field + ".items", "must hold at least one item");
		}
		Integer weight = input.weightGrams();
		if (weight == null || weight < 1 || weight > MAX_WEIGHT_GRAMS) {
			throw ProblemException.invalidField(field + ".weightGrams",
					"must be between 1 and " + MAX_WEIGHT_GRAMS + " grams");
		}
		Parcel.Dimensions dimensions = null;
		ParcelInput.DimensionsInput d = input.dimensions();
		if (d != null) {
			dimensions = new Parcel.Dimensions(side(d.lengthMm(), field + ".dimensions.lengthMm"),
					side(d.widthMm(), field + ".dimensions.widthMm"),
					side(d.heightMm(), field + ".dimensions.heightMm"));
		}
		Map<String, Integer> items = new TreeMap<>();
		Set<String> seen = new HashSet<>();
		for (int j = 0; j < input.items().size(); j++) {
			ParcelInput.ItemInput item = input.items().get(j);
			String at = field + ".items[" + j + "]";
			String sku = item == null || item.sku() == null ? "" : item.sku().strip();
			if (!left.containsKey(sku) && !seen.contains(sku)) {
				throw ProblemException.invalidField(at + ".sku", "'" + abbreviate(sku)
						+ "' is not a SKU picked (and not packed yet) for this fulfilment at this location");
			}
			if (!seen.add(sku)) {
				throw ProblemException.invalidField(at + ".sku", "appears twice in the parcel");
			}
			Integer quantity = item.quantity();
			if (quantity == null || quantity < 1) {
				throw ProblemException.invalidField(at + ".quantity", "must be at least 1");
			}
			int available = left.getOrDefault(sku, 0);
			if (quantity > available) {
				throw ProblemException.invalidField(at + ".quantity",
						"is more than the " + available + " units of " + sku + " picked and not packed yet");
			}
			left.put(sku, available - quantity);
			items.put(sku, quantity);
		}
		return new Parcel(ParcelId.next(), fulfilment.id(), task.locationId(), task.id(), weight, dimensions,
				ParcelStatus.PACKED, null, null, null,
				items.entrySet().stream().map(e -> new Parcel.Item(e.getKey(), e.getValue())).toList(), List.of(), now,
				now);
	}

	private static int side(@Nullable Integer mm, String field) {
		if (mm == null || mm < 1 || mm > MAX_SIDE_MM) {
			throw ProblemException.invalidField(field, "must be between 1 and " + MAX_SIDE_MM + " millimetres");
		}
		return mm;
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

	private static String abbreviate(String value) {
		return value.length() <= 64 ? value : value.substring(0, 64) + "…";
	}

}
