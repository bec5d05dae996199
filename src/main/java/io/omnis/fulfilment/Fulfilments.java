package io.omnis.fulfilment;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.fulfilment.internal.Attempts;
import io.omnis.fulfilment.internal.FulfilmentStore;
import io.omnis.fulfilment.internal.Rerouter;
import io.omnis.fulfilment.internal.TaskStore;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * Rejections of routed lines by the location given them (not on the shelf, damaged): each
 * is re-routed, reservation included, and never silently.
 */
@Service
public class Fulfilments {

	private final FulfilmentStore store;

	private final Rerouter rerouter;

	private final RoutingSettings settings;

	private final TransactionTemplate transactions;

	private final TaskStore tasks;

	private final Clock clock;

	private final Pickups pickups;

	Fulfilments(FulfilmentStore store, Rerouter rerouter, RoutingSettings settings, TaskStore tasks,
			PlatformTransactionManager transactionManager, Clock clock, Pickups pickups) {
		this.pickups = pickups;
		this.tasks = tasks;
		this.store = store;
		this.rerouter = rerouter;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Clears the customer's reference, destination and notes from the fulfilments of
	 * these references (her orders), in the caller's transaction: she was erased.
	 * @return how many fulfilments were cleared
	 */
	public int forgetCustomer(java.util.Collection<String> references) {
		return store.forgetCustomer(references.toArray(String[]::new));
	}

	/**
	 * What the fulfilment serves was called off (its order cancelled): its open tasks
	 * leave every queue, in the caller's transaction, before the caller lets its
	 * reservation go (tasks first, then the reservation, the order in which the work
	 * queue locks them too).
	 * @return how many tasks were withdrawn
	 */
	public int withdraw(FulfilmentId id) {
		Integer withdrawn = transactions.execute(status -> {
			pickups.withdraw(id, clock.instant());
			return tasks.withdraw(id, clock.instant());
		});
		return withdrawn == null ? 0 : withdrawn;
	}

	/**
	 * The location of the allocation cannot give {@code quantity} of its units (all of
	 * them when null): they move to the next best location.
	 */
	public Reroute reject(String fulfilmentId, String allocationId, @Nullable Integer quantity, RejectionReason reason,
			@Nullable String note) {
		if (!FulfilmentId.isValid(fulfilmentId)) {
			throw new NotFoundException("fulfilment", fulfilmentId);
		}
		if (note != null && (note.length() > 500 || note.chars().anyMatch(c -> c < 32 && c != '\n'))) {
			throw ProblemException.invalidField("note", "must be at most 500 printable characters");
		}
		return Attempts.run(transactions, () -> {
			Fulfilment fulfilment = store.find(new FulfilmentId(fulfilmentId), true)
				.orElseThrow(() -> new NotFoundException("fulfilment", fulfilmentId));
			Allocation allocation = fulfilment.active()
				.stream()
				.filter(a -> a.id().equals(allocationId))
				.findFirst()
				.orElseThrow(() -> ProblemException.invalidField("allocationId",
						"is not an active allocation of fulfilment " + fulfilmentId));
			int units = quantity == null ? allocation.quantity() : quantity;
			if (units < 1 || units > allocation.quantity()) {
				throw ProblemException.invalidField("quantity", "must be between 1 and " + allocation.quantity());
			}
			return rerouter.reject(fulfilment, allocation, units, reason, note, settings.rules(), clock.instant());
		});
	}

}
