package io.omnis.fulfilment;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.fulfilment.internal.CapacityStore;
import io.omnis.fulfilment.internal.FulfilmentProperties;
import io.omnis.fulfilment.internal.RulesStore;
import io.omnis.inventory.Location;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.ProblemException;

/**
 * The routing rules in force (the {@code omnis.fulfilment.*} properties until an operator
 * changes them) and each location's routing settings.
 */
@Service
@Transactional
public class RoutingSettings {

	private final RulesStore rules;

	private final CapacityStore capacity;

	private final FulfilmentProperties properties;

	private final Locations locations;

	private final Clock clock;

	RoutingSettings(RulesStore rules, CapacityStore capacity, FulfilmentProperties properties, Locations locations,
			Clock clock) {
		this.rules = rules;
		this.capacity = capacity;
		this.properties = properties;
		this.locations = locations;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public RoutingRules rules() {
		return rules.find().orElseGet(properties::rules);
	}

	public RoutingRules change(RoutingRules changed) {
		RoutingRules checked = changed.checked();
		rules.save(checked, clock.instant());
		return checked;
	}

	@Transactional(readOnly = true)
	public LocationSettings of(String locationId) {
		Location location = locations.get(locationId);
		return capacity.settings(location.id()).orElse(new LocationSettings(location.id(), true, null, null));
	}

	public LocationSettings change(String locationId, boolean active, @Nullable Integer dailyOrders,
			@Nullable Integer dailyLines) {
		Location location = locations.get(locationId);
		if (dailyOrders != null && (dailyOrders < 0 || dailyOrders > 1_000_000)) {
			throw ProblemException.invalidField("dailyOrders", "must be between 0 and 1000000, or null");
		}
		if (dailyLines != null && (dailyLines < 0 || dailyLines > 10_000_000)) {
			throw ProblemException.invalidField("dailyLines", "must be between 0 and 10000000, or null");
		}
		LocationSettings settings = new LocationSettings(location.id(), active, dailyOrders, dailyLines);
		capacity.save(settings, clock.instant());
		return settings;
	}

}
