package io.omnis.fulfilment.internal;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.fulfilment.LocationSettings;
import io.omnis.fulfilment.RoutingRules;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;

/**
 * This node's copy of what routing reads with every decision and what rarely changes: the
 * locations (coordinates, capabilities, time zones, opening hours), their routing
 * settings and the routing rules. Each copy is kept with the version it was read for and
 * used only while the version read by the decision's own statements is the same (the
 * locations' version comes with the stock, the rules' and settings' with the capacity
 * used), so a change made on any node is seen by the next decision on every node. A stale
 * copy is replaced, never patched; two requests may both reload, which is harmless.
 */
@Component
public class RoutingNetwork {

	private final Locations locations;

	private final CapacityStore capacity;

	private final RulesStore rules;

	private final FulfilmentProperties properties;

	private volatile Places places = new Places("", Map.of());

	private volatile Settings settings = new Settings(Long.MIN_VALUE, Map.of(), null);

	RoutingNetwork(Locations locations, CapacityStore capacity, RulesStore rules, FulfilmentProperties properties) {
		this.locations = locations;
		this.capacity = capacity;
		this.rules = rules;
		this.properties = properties;
	}

	/**
	 * The locations as of {@code version} (read from the database if this copy is older).
	 */
	public Map<LocationId, Location> locations(String version) {
		Places current = places;
		if (!current.version().equals(version)) {
			Map<LocationId, Location> byId = new HashMap<>();
			locations.all().forEach(location -> byId.put(location.id(), location));
			current = new Places(version, Map.copyOf(byId));
			places = current;
		}
		return current.byId();
	}

	/** The rules and settings as of {@code version}. */
	public Settings settings(long version) {
		Settings current = settings;
		if (current.version() != version || current.rules() == null) {
			current = new Settings(version, Map.copyOf(capacity.allSettings()),
					rules.find().orElseGet(properties::rules));
			settings = current;
		}
		return current;
	}

	record Places(String version, Map<LocationId, Location> byId) {
	}

	/**
	 * The routing rules and each location's settings (absent: active, default capacity).
	 */
	public record Settings(long version, Map<LocationId, LocationSettings> byLocation, @Nullable RoutingRules rules) {

		public RoutingRules rulesInForce() {
			if (rules == null) {
				throw new IllegalStateException("Settings not loaded");
			}
			return rules;
		}

	}

}
