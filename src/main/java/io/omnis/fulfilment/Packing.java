package io.omnis.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.fulfilment.internal.FulfilmentStore;
import io.omnis.fulfilment.internal.ParcelStore;
import io.omnis.fulfilment.internal.TaskStore;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.security.Actor;

/**
 * Packing for shipped fulfilments (SHIP, SAME_DAY): every unit picked at a location goes
 * into weighed parcels, none twice, none left out, and the hand-over is queued. Bad input
 * is a problem naming the field and packs nothing.
 */
@Service
public class Packing {

	public static final int MAX_PARCELS = 50;

	public static final int MAX_WEIGHT_GRAMS = 70_000;

	public static final int MAX_SIDE_MM = 3_000;

	private final ParcelStore store;

	private final TaskStore tasks;

	private final FulfilmentStore fulfilments;

	private final WorkQueue queue;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Packing(ParcelStore store, TaskStore tasks, FulfilmentStore fulfilments, WorkQueue queue,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.fulfilments = fulfilments;
		this.queue = queue;
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
			WorkTask task = openPack(taskId, true);
			Fulfilment fulfilment = fulfilments.find(task.fulfilmentId(), true).orElseThrow();
			if (fulfilment.method().atStore()) {
				throw ProblemException.conflict("Fulfilment " + fulfilment.id() + " is collected in store ("
						+ fulfilment.method() + "): its PACK task is completed, not packed into parcels");
			}
			Map<String, Integer> left = unpacked(fulfilment.id(), task);
			Instant now = clock.instant();
			List<Parcel> packed = new ArrayList<>();
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

	/**
	 * What the open PACK task still has to pack: units picked for its fulfilment at its
	 * location and in no parcel yet, by SKU in SKU order.
	 */
	public Map<String, Integer> toPack(String taskId) {
		WorkTask task = openPack(taskId, false);
		return unpacked(task.fulfilmentId(), task);
	}

	private WorkTask openPack(String taskId, boolean lock) {
		WorkTask task = tasks.find(taskId, lock).orElseThrow(() -> new NotFoundException("task", taskId));
		if (task.kind() != WorkTask.Kind.PACK || task.status() != WorkTask.Status.OPEN) {
			throw ProblemException.conflict("Task " + taskId + " is a " + task.kind() + " task, " + task.status()
					+ ": only an open PACK task is packed");
		}
		return task;
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

	private static String abbreviate(String value) {
		return value.length() <= 64 ? value : value.substring(0, 64) + "…";
	}

}
