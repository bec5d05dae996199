package io.omnis.fulfilment.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.omnis.fulfilment.RoutingRules;

/**
 * The routing rules in force until an operator changes them through the API
 * ({@code omnis.fulfilment.*}); each member left out has the default shown.
 */
@ConfigurationProperties("omnis.fulfilment")
public record FulfilmentProperties(@Nullable String currency, @Nullable Long parcelPenalty,
		@Nullable List<RoutingRules.Zone> zones, @Nullable Long beyondCost,
		RoutingRules.@Nullable Preference preference, @Nullable Double sameDayRadiusKm, @Nullable Integer dailyOrders,
		@Nullable Integer dailyLines, @Nullable Integer reservationHours, @Nullable Integer pickMinutes,
		@Nullable Integer packMinutes, @Nullable Integer handOverMinutes) {

	public RoutingRules rules() {
		return new RoutingRules(or(currency, "EUR"), or(parcelPenalty, 500L),
				zones == null || zones.isEmpty() ? List.of(new RoutingRules.Zone(50, 400),
						new RoutingRules.Zone(300, 700), new RoutingRules.Zone(1000, 1200)) : zones,
				or(beyondCost, 2000L), or(preference, RoutingRules.Preference.WAREHOUSES_FIRST),
				or(sameDayRadiusKm, 30.0), or(dailyOrders, 10_000), or(dailyLines, 100_000), or(reservationHours, 72),
				or(pickMinutes, 120), or(packMinutes, 30), or(handOverMinutes, 240))
			.checked();
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return value != null ? value : fallback;
	}

}
