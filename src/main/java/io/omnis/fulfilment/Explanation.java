package io.omnis.fulfilment;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Why a route was chosen: the plans weighed (with their cost, parcels and why each lost),
 * the locations considered, and how many were left out for which reason.
 *
 * @param summary one sentence on why the winner won
 * @param excluded reason → how many locations it left out
 */
public record Explanation(String summary, List<Option> options, List<Considered> considered,
		Map<String, Integer> excluded, List<String> splits) {

	/**
	 * A plan weighed: score = shipping cost + parcel penalty × (parcels − 1).
	 *
	 * @param outcome {@code chosen}, or why it lost
	 */
	public record Option(String name, List<String> locationIds, int parcels, long shippingCost, long score,
			String outcome) {
	}

	/**
	 * A location that could serve at least one line whole.
	 *
	 * @param shippingCost its zone's cost to the destination (0 for the customer's own
	 * store)
	 * @param linesWhole how many lines it could serve entirely
	 */
	public record Considered(String locationId, String name, String type, @Nullable Double distanceKm,
			long shippingCost, int linesWhole, String note) {
	}

}
