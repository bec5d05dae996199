package io.omnis.fulfilment.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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

	private volatile Places places = new Places("", Map.of(), List.of());

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
	public Places places(String version) {
		Places current = places;
		if (!current.version().equals(version)) {
			current = Places.of(version, locations.all());
			places = current;
		}
		return current;
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

	/**
	 * The locations of one version, found by their stored id, each numbered in the order
	 * of the ids and by its time zone among the distinct zones.
	 */
	public record Places(String version, Map<String, Place> byId, List<ZoneId> zones) {

		static Places of(String version, List<Location> all) {
			List<Location> sorted = new ArrayList<>(all);
			sorted.sort(Comparator.comparing(Location::id));
			Map<String, Place> byId = new HashMap<>();
			List<ZoneId> zones = new ArrayList<>();
			for (Location location : sorted) {
				int zone = zones.indexOf(location.timeZone());
				if (zone < 0) {
					zone = zones.size();
					zones.add(location.timeZone());
				}
				byId.put(location.id().value(), new Place(byId.size(), location, zone));
			}
			return new Places(version, Map.copyOf(byId), List.copyOf(zones));
		}

		public @Nullable Place find(String id) {
			return byId.get(id);
		}

	}

	/**
	 * A location with its position in id order and the index of its time zone.
	 */
	public record Place(int ordinal, Location location, int zone) {
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
