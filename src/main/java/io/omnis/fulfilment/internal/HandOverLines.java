package io.omnis.fulfilment.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.omnis.fulfilment.Allocation;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.Pickups;
import io.omnis.kernel.problem.ProblemException;

/**
 * The lines an associate hands over, checked against what still waits for the customer
 * and spread over the pickup's allocations.
 */
public final class HandOverLines {

	private HandOverLines() {
	}

	/** The units to take from each allocation, checked against what still waits. */
	public static Map<String, Integer> units(Fulfilment fulfilment, Map<String, Integer> collected,
			List<Pickups.Wanted> wanted) {
		Map<String, Integer> take = new LinkedHashMap<>();
		if (wanted.isEmpty()) {
			for (Allocation a : fulfilment.active()) {
				take.put(a.id(), a.quantity() - collected.getOrDefault(a.id(), 0));
			}
			return take;
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < wanted.size(); i++) {
			Pickups.Wanted line = wanted.get(i);
			String field = "lines[" + i + "]";
			if (line == null || line.sku() == null || line.sku().isBlank()) {
				throw ProblemException.invalidField(field + ".sku", "is required");
			}
			String sku = line.sku().strip();
			if (!seen.add(sku)) {
				throw ProblemException.invalidField(field + ".sku", "'" + abbreviate(sku) + "' is given twice");
			}
			List<Allocation> of = fulfilment.active().stream().filter(a -> a.sku().value().equals(sku)).toList();
			if (of.isEmpty()) {
				throw ProblemException.invalidField(field + ".sku", "'" + abbreviate(sku) + "' is not in this pickup");
			}
			int waiting = of.stream().mapToInt(a -> a.quantity() - collected.getOrDefault(a.id(), 0)).sum();
			Integer quantity = line.quantity();
			if (quantity == null || quantity < 1 || quantity > waiting) {
				throw ProblemException
					.invalidField(field + ".quantity",
							waiting == 0 ? "cannot be given: every unit of '" + abbreviate(sku) + "' was collected"
									: "must be between 1 and " + waiting + " (the units of '" + abbreviate(sku)
											+ "' still waiting)")
					.with("waiting", waiting);
			}
			int rest = quantity;
			for (Allocation a : of) {
				int units = Math.min(rest, a.quantity() - collected.getOrDefault(a.id(), 0));
				if (units > 0) {
					take.put(a.id(), units);
					rest -= units;
				}
			}
		}
		return take;
	}

	private static String abbreviate(String value) {
		return value.length() <= 64 ? value : value.substring(0, 64) + "…";
	}

}
