package io.omnis.fulfilment;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.omnis.inventory.LocationId;

/**
 * Where each line of a request is served, what it costs, and why.
 *
 * @param shippingCost the sum of the zone costs of the locations used, in minor units of
 * {@code currency}
 */
public record Decision(FulfilmentMethod method, List<Assignment> assignments, int parcels, long shippingCost,
		long score, String currency, Explanation explanation) {

	public Set<LocationId> locations() {
		Set<LocationId> ids = new TreeSet<>();
		assignments.forEach(a -> ids.add(a.locationId()));
		return ids;
	}

}
