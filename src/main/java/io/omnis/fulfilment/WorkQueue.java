package io.omnis.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.fulfilment.internal.Attempts;
import io.omnis.fulfilment.internal.FulfilmentStore;
import io.omnis.fulfilment.internal.ReadyForPickup;
import io.omnis.fulfilment.internal.Rerouter;
import io.omnis.fulfilment.internal.TaskStore;
import io.omnis.fulfilment.internal.Work;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Reservations;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * Each location's work: pick lists confirmed by scanning, missing items flagged (and
 * re-routed), packing and handing over. When the last task of a fulfilment is done, its
 * reservation is consumed: the units leave stock at the very locations that held them.
 */
@Service
public class WorkQueue {

	private final TaskStore tasks;

	private final Work work;

	private final FulfilmentStore fulfilments;

	private final Rerouter rerouter;

	private final RoutingSettings settings;

	private final Reservations reservations;

	private final Locations locations;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ReadyForPickup ready;

	WorkQueue(TaskStore tasks, Work work, FulfilmentStore fulfilments, Rerouter rerouter, RoutingSettings settings,
			Reservations reservations, Locations locations, PlatformTransactionManager transactionManager,
			ApplicationEventPublisher events, Clock clock, ReadyForPickup ready) {
		this.ready = ready;
		this.events = events;
		this.tasks = tasks;
		this.work = work;
		this.fulfilments = fulfilments;
		this.rerouter = rerouter;
		this.settings = settings;
		this.reservations = reservations;
		this.locations = locations;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** The location's open tasks, the most overdue (late) first. */
	public Page<WorkTask> queue(String locationId, @Nullable String cursor, @Nullable Integer limit) {
		var location = locations.get(locationId);
		int size = Cursor.limit(limit);
		String after = Cursor.decode(cursor);
		if (after != null && !after.contains("|")) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'cursor' is not a valid cursor",
					List.of(new FieldError("cursor", "is not a cursor returned by this list")));
		}
		return Page.of(tasks.queue(location.id(), after, size + 1), size, t -> t.dueAt() + "|" + t.id());
	}

	public WorkTask get(String taskId) {
		return tasks.find(taskId, false).orElseThrow(() -> new NotFoundException("task", taskId));
	}

	/**
	 * Picks one unit of the pick-list item whose barcode (or SKU) was scanned. A code not
	 * on the list changes nothing.
	 */
	public WorkTask scan(String taskId, @Nullable String code) {
		if (code == null || code.isBlank() || code.length() > 128) {
			throw ProblemException.invalidField("barcode", "must be 1 to 128 characters");
		}
		String scanned = code.strip();
		return transactions.execute(status -> {
			WorkTask task = tasks.find(taskId, true).orElseThrow(() -> new NotFoundException("task", taskId));
			boolean restock = task.kind() == WorkTask.Kind.RESTOCK_RETURN;
			if (!restock) {
				open(taskId, WorkTask.Kind.PICK);
			}
			else if (task.status() != WorkTask.Status.OPEN) {
				throw ProblemException.conflict("Task " + taskId + " is a " + task.kind() + " task, " + task.status());
			}
			if (task.items().stream().noneMatch(i -> scanned.equals(i.barcode()) || scanned.equals(i.sku()))) {
				throw ProblemException.invalidField("barcode", "'" + abbreviate(scanned) + "' is not "
						+ (restock ? "among the returned items of " + task.returnId() : "on the pick list of task ")
						+ (restock ? " (task " + taskId + ")" : taskId));
			}
			if (!tasks.pickOne(taskId, scanned)) {
				throw ProblemException.conflict("Every unit of '" + abbreviate(scanned) + "' on task " + taskId + " is "
						+ (restock ? "scanned" : "picked") + " already");
			}
			return restock ? tasks.find(taskId, false).orElseThrow() : afterPick(taskId, clock.instant());
		});
	}

	/**
	 * Picks one unit for the most overdue open pick list of the location that still needs
	 * the scanned code, as a store's scanner does without choosing a task first.
	 */
	public WorkTask scanAt(String locationId, @Nullable String code) {
		var location = locations.get(locationId);
		if (code == null || code.isBlank() || code.length() > 128) {
			throw ProblemException.invalidField("barcode", "must be 1 to 128 characters");
		}
		String scanned = code.strip();
		WorkTask task = tasks.queue(location.id(), null, Cursor.MAX_LIMIT)
			.stream()
			.filter(t -> t.kind() == WorkTask.Kind.PICK && t.items()
				.stream()
				.anyMatch(i -> (scanned.equals(i.barcode()) || scanned.equals(i.sku())) && i.picked() < i.quantity()))
			.findFirst()
			.orElseThrow(() -> ProblemException.invalidField("barcode",
					"'" + abbreviate(scanned) + "' is not on any open pick list here"));
		return scan(task.id(), scanned);
	}

	/**
	 * The location cannot find (or finds damaged) the units of {@code sku} not picked
	 * yet: they are re-routed; the pick list keeps what was picked.
	 */
	public Reroute missing(String taskId, @Nullable String sku, @Nullable RejectionReason reason,
			@Nullable String note) {
		if (sku == null || sku.isBlank()) {
			throw ProblemException.invalidField("sku", "is required");
		}
		if (reason == null) {
			throw ProblemException.invalidField("reason", "is required");
		}
		return Attempts.run(transactions, () -> {
			WorkTask task = open(taskId, WorkTask.Kind.PICK);
			WorkTask.Item item = task.items()
				.stream()
				.filter(i -> i.sku().equals(sku) && i.picked() < i.quantity())
				.findFirst()
				.orElseThrow(() -> ProblemException.invalidField("sku",
						"'" + abbreviate(sku) + "' has no unit left to pick on task " + taskId));
			Fulfilment fulfilment = fulfilments.find(task.fulfilmentId(), true).orElseThrow();
			Allocation allocation = fulfilment.active()
				.stream()
				.filter(a -> a.id().equals(item.allocationId()))
				.findFirst()
				.orElseThrow();
			Instant now = clock.instant();
			Reroute reroute = rerouter.reject(fulfilment, allocation, item.quantity() - item.picked(), reason, note,
					settings.rules(), now);
			tasks.shrinkToPicked(taskId, item.allocationId());
			afterPick(taskId, now);
			closeIfDone(task.fulfilmentId(), now);
			return reroute;
		});
	}

	/**
	 * Marks a PACK or HAND_OVER task done; a pick is done by scanning. A fulfilment that
	 * is shipped (SHIP, SAME_DAY) is packed into parcels and handed over by shipping them
	 * ({@link Parcels}).
	 */
	public WorkTask complete(String taskId) {
		return transactions.execute(status -> {
			WorkTask task = tasks.find(taskId, true).orElseThrow(() -> new NotFoundException("task", taskId));
			if (task.status() != WorkTask.Status.OPEN) {
				throw ProblemException.conflict("Task " + taskId + " is " + task.status());
			}
			if (task.kind() == WorkTask.Kind.RESTOCK_RETURN) {
				throw ProblemException.conflict("Task " + taskId
						+ " restocks a return: scan its items, then complete it with each line's disposition (POST /api/v1/returns/tasks/"
						+ taskId + "/complete)");
			}
			if (ready.atCounter(task)) {
				throw ProblemException.conflict("Task " + taskId
						+ " is handed over at the counter with the customer's pickup code (POST /api/v1/fulfilment/locations/"
						+ task.locationId() + "/pickups)");
			}
			if (task.kind() == WorkTask.Kind.PICK) {
				throw ProblemException.conflict("A pick is done by scanning every item of its list");
			}
			Fulfilment fulfilment = fulfilments.find(task.fulfilmentId(), false).orElseThrow();
			if (!fulfilment.method().atStore() && task.kind() == WorkTask.Kind.PACK) {
				throw ProblemException.conflict("Fulfilment " + fulfilment.id() + " is shipped (" + fulfilment.method()
						+ "): its units are packed into parcels with POST /api/v1/fulfilment/tasks/" + taskId
						+ "/parcels");
			}
			if (!fulfilment.method().atStore() && task.kind() == WorkTask.Kind.HAND_OVER) {
				throw ProblemException.conflict("Fulfilment " + fulfilment.id() + " is shipped (" + fulfilment.method()
						+ "): it is handed over by shipping its parcels with POST /api/v1/fulfilment/parcels/{id}/ship");
			}
			finish(task, clock.instant());
			return tasks.find(taskId, false).orElseThrow();
		});
	}

	/**
	 * Marks the open task done in the caller's transaction (packing queues the
	 * hand-over), then closes the fulfilment when nothing is left open.
	 */
	void finish(WorkTask task, Instant now) {
		if (task.kind() == WorkTask.Kind.PACK) {
			work.add(task.fulfilmentId(), task.locationId(), WorkTask.Kind.HAND_OVER, List.of(), now,
					settings.rules().handOverMinutes());
		}
		tasks.finish(task.id(), WorkTask.Status.DONE, now);
		ready.check(task.fulfilmentId(), now);
		closeIfDone(task.fulfilmentId(), now);
	}

	/**
	 * When no task of the fulfilment is open any more and it still holds units, its
	 * reservation is consumed (the units are sold where they were held) and
	 * {@link FulfilmentHandedOver} is published. Also reached when the last open pick
	 * list emptied because its units could not be served anywhere.
	 */
	private void closeIfDone(FulfilmentId id, Instant now) {
		if (tasks.anyOpen(id)) {
			return;
		}
		Fulfilment fulfilment = fulfilments.find(id, true).orElseThrow();
		if (fulfilment.active().isEmpty()) {
			return;
		}
		Reservation reservation = reservations.get(fulfilment.reservationId().value());
		if (reservation.status() == ReservationStatus.HELD) {
			reservations.consume(reservation.id());
			events.publishEvent(new FulfilmentHandedOver(fulfilment.id(), fulfilment.channelId(),
					fulfilment.reference(), reservation.id(), now));
		}
	}

	/**
	 * Puts a RESTOCK_RETURN task for the return's goods, received at the location, in its
	 * queue. A return has one open restock task at most.
	 */
	public WorkTask queueRestock(String returnId, LocationId location, List<Returned> lines, Instant dueAt) {
		return transactions.execute(status -> {
			tasks.openRestock(returnId).ifPresent(open -> {
				throw new ProblemException(ProblemType.CONFLICT,
						"Return " + returnId + " is already waiting to be restocked at " + open.locationId() + " (task "
								+ open.id() + ")",
						List.of(new FieldError("locationId", "the return already has an open restock task")));
			});
			return work.restock(returnId, location, lines, clock.instant(), dueAt);
		});
	}

	/** The open RESTOCK_RETURN task of the return, if any. */
	public java.util.Optional<WorkTask> openRestock(String returnId) {
		return tasks.openRestock(returnId);
	}

	/**
	 * Closes the open RESTOCK_RETURN task of the return (DONE when its goods were
	 * disposed of, CANCELLED when the return was called off), in the caller's
	 * transaction.
	 * @return the id of the task closed, if one was open
	 */
	public java.util.Optional<String> finishRestock(String returnId, WorkTask.Status status) {
		return tasks.finishRestock(returnId, status, clock.instant());
	}

	/** One returned line to restock: its SKU and units. */
	public record Returned(String sku, int quantity) {
	}

	/** Every task of the fulfilment, open or not, oldest first. */
	public List<WorkTask> ofFulfilment(FulfilmentId id) {
		return tasks.ofFulfilment(id);
	}

	private WorkTask open(String taskId, WorkTask.Kind kind) {
		WorkTask task = tasks.find(taskId, true).orElseThrow(() -> new NotFoundException("task", taskId));
		if (task.status() != WorkTask.Status.OPEN || task.kind() != kind) {
			throw ProblemException.conflict("Task " + taskId + " is a " + task.kind() + " task, " + task.status());
		}
		return task;
	}

	/** Closes a pick whose every item is picked and queues the packing. */
	private WorkTask afterPick(String taskId, Instant now) {
		WorkTask task = tasks.find(taskId, false).orElseThrow();
		if (task.items().isEmpty()) {
			tasks.finish(taskId, WorkTask.Status.CANCELLED, now);
		}
		else if (task.items().stream().allMatch(i -> i.picked() == i.quantity())) {
			tasks.finish(taskId, WorkTask.Status.DONE, now);
			work.add(task.fulfilmentId(), task.locationId(), WorkTask.Kind.PACK, List.of(), now,
					settings.rules().packMinutes());
		}
		return tasks.find(taskId, false).orElseThrow();
	}

	private static String abbreviate(String value) {
		return value.length() <= 64 ? value : value.substring(0, 64) + "…";
	}

}
