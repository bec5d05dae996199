package io.omnis.returns;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.fulfilment.WorkQueue;
import io.omnis.fulfilment.WorkTask;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Completes a location's RESTOCK_RETURN task: once every returned unit was scanned, the
 * return is received there with the disposition the associate chose for each line,
 * exactly as {@link Returns#receive} does (stock movements, refund or credit), and the
 * task is done.
 */
@Service
@Transactional
public class Restocking {

	private final Returns returns;

	private final WorkQueue queue;

	Restocking(Returns returns, WorkQueue queue) {
		this.returns = returns;
		this.queue = queue;
	}

	public Return complete(String taskId, Choices choices) {
		WorkTask task = queue.get(taskId);
		if (task.kind() != WorkTask.Kind.RESTOCK_RETURN || task.returnId() == null) {
			throw new NotFoundException("restock task", taskId);
		}
		if (task.status() != WorkTask.Status.OPEN) {
			throw new ProblemException(ProblemType.CONFLICT, "Task " + taskId + " is " + task.status(),
					List.of(new FieldError("status", "is " + task.status())));
		}
		List<String> unscanned = task.items()
			.stream()
			.filter(i -> i.picked() < i.quantity())
			.map(i -> (i.quantity() - i.picked()) + " × " + i.sku())
			.toList();
		if (!unscanned.isEmpty()) {
			throw new ProblemException(
					ProblemType.CONFLICT, "Scan every returned item before completing task " + taskId
							+ "; not scanned yet: " + String.join(", ", unscanned),
					List.of(new FieldError("items", "are not all scanned")));
		}
		return returns.receive(task.returnId(), new Returns.Receipt(task.locationId().value(), choices.disposition(),
				choices.warehouseId(), choices.lines()));
	}

	/**
	 * What becomes of the returned goods: one disposition for all, or one per return line
	 * (in the return's order), as in {@link Returns.Receipt}.
	 */
	public record Choices(@Nullable String disposition, @Nullable String warehouseId,
			@Nullable List<Returns.LineDisposition> lines) {
	}

}
