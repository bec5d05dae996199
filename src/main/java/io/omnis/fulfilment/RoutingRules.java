package io.omnis.fulfilment;

import java.util.List;

import io.omnis.kernel.problem.ProblemException;

/**
 * The configuration routing decides by. Costs are in minor units of {@code currency}.
 *
 * @param parcelPenalty what one more parcel costs in the comparison: fewer parcels win
 * until a plan with more is cheaper by more than this per extra parcel
 * @param zones shipping cost by distance to the destination, nearest zone first
 * @param beyondCost the cost past the last zone, or when a location has no coordinates
 * @param sameDayRadiusKm how far a SAME_DAY location may be from the customer
 * @param dailyOrders, dailyLines how many requests and lines a location takes per local
 * day unless its own settings say otherwise
 * @param reservationHours how long stock stays held for a routed request
 * @param pickMinutes, packMinutes, handOverMinutes when each task is due after it appears
 */
public record RoutingRules(String currency, long parcelPenalty, List<Zone> zones, long beyondCost,
		Preference preference, double sameDayRadiusKm, int dailyOrders, int dailyLines, int reservationHours,
		int pickMinutes, int packMinutes, int handOverMinutes) {

	/** Locations of the preferred kind win among plans of equal score. */
	public enum Preference {

		WAREHOUSES_FIRST, STORES_FIRST, NONE

	}

	/** Up to {@code upToKm} from the destination, a parcel costs {@code cost}. */
	public record Zone(double upToKm, long cost) {
	}

	/** The rules, or a problem naming the first field that is wrong. */
	public RoutingRules checked() {
		if (currency == null || !currency.matches("[A-Z]{3}")) {
			throw ProblemException.invalidField("currency", "must be an ISO 4217 code such as EUR");
		}
		nonNegative(parcelPenalty, "parcelPenalty");
		nonNegative(beyondCost, "beyondCost");
		if (preference == null) {
			throw ProblemException.invalidField("preference", "is required");
		}
		if (zones == null || zones.isEmpty() || zones.size() > 20) {
			throw ProblemException.invalidField("zones", "must hold 1 to 20 zones");
		}
		double previous = 0;
		for (int i = 0; i < zones.size(); i++) {
			Zone zone = zones.get(i);
			if (zone == null || !(zone.upToKm() > previous) || zone.upToKm() > 40_000) {
				throw ProblemException.invalidField("zones[" + i + "].upToKm",
						"must be more than the previous zone's and at most 40000");
			}
			nonNegative(zone.cost(), "zones[" + i + "].cost");
			previous = zone.upToKm();
		}
		if (!(sameDayRadiusKm > 0 && sameDayRadiusKm <= 1000)) {
			throw ProblemException.invalidField("sameDayRadiusKm", "must be more than 0 and at most 1000");
		}
		range(dailyOrders, 0, 1_000_000, "dailyOrders");
		range(dailyLines, 0, 10_000_000, "dailyLines");
		range(reservationHours, 1, 168, "reservationHours");
		range(pickMinutes, 1, 10_080, "pickMinutes");
		range(packMinutes, 1, 10_080, "packMinutes");
		range(handOverMinutes, 1, 10_080, "handOverMinutes");
		return new RoutingRules(currency, parcelPenalty, List.copyOf(zones), beyondCost, preference, sameDayRadiusKm,
				dailyOrders, dailyLines, reservationHours, pickMinutes, packMinutes, handOverMinutes);
	}

	/** The zone cost of a parcel from {@code distanceKm} away, unknown meaning far. */
	public long costAt(Double distanceKm) {
		if (distanceKm == null) {
			return beyondCost;
		}
		for (Zone zone : zones) {
			if (distanceKm <= zone.upToKm()) {
				return zone.cost();
			}
		}
		return beyondCost;
	}

	private static void nonNegative(long value, String field) {
		if (value < 0 || value > 100_000_000) {
			throw ProblemException.invalidField(field, "must be between 0 and 100000000 minor units");
		}
	}

	private static void range(int value, int min, int max, String field) {
		if (value < min || value > max) {
			throw ProblemException.invalidField(field, "must be between " + min + " and " + max);
		}
	}

}
