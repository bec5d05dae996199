package io.omnis.fulfilment.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import io.omnis.fulfilment.Pickup;
import io.omnis.inventory.LocationId;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * The check of a customer's code at a store's counter.
 */
@Component
public class PickupCounter {

	private final PickupStore store;

	PickupCounter(PickupStore store) {
		this.store = store;
	}

	/**
	 * The pickup the code opens at the location: 422 naming {@code code} for a code that
	 * is unknown, replaced or for another store; 409 for a code already used or a pickup
	 * no longer waiting.
	 */
	public PickupStore.Row opened(LocationId location, String code, boolean lock) {
		PickupStore.Code found = store.code(PickupCodes.hash(code))
			.orElseThrow(() -> invalidCode("is not a pickup code: check it with the customer's message"));
		PickupStore.Row row = store.find(found.fulfilmentId(), lock).orElseThrow();
		if (!row.locationId().equals(location)) {
			throw invalidCode("is the code of an order to collect at another store");
		}
		if (lock) {
			// Read again under the pickup's lock: another counter may have closed it
			// meanwhile
			found = store.code(PickupCodes.hash(code)).orElseThrow();
		}
		switch (found.status()) {
			case "REPLACED" -> throw invalidCode("was replaced by a newer code: ask for the latest message");
			case "USED" -> throw new ProblemException(ProblemType.CONFLICT,
					"This code was used already: the order was collected at " + row.closedAt(),
					List.of(new FieldError("code", "was used already")));
			case "EXPIRED" -> throw new ProblemException(ProblemType.CONFLICT,
					"This order is no longer waiting: it is " + row.status(),
					List.of(new FieldError("code", "is for a pickup that is " + row.status())));
			default -> {
			}
		}
		if (row.status() != Pickup.Status.READY) {
			throw new ProblemException(ProblemType.CONFLICT, "This order is no longer waiting: it is " + row.status(),
					List.of(new FieldError("code", "is for a pickup that is " + row.status())));
		}
		return row;
	}

	private static ProblemException invalidCode(String message) {
		return new ProblemException(ProblemType.INVALID_CODE, "Field 'code' " + message,
				List.of(new FieldError("code", message)));
	}

}
