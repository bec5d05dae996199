package io.omnis.fulfilment.internal;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.RoutingRules;
import io.omnis.fulfilment.RoutingSettings;
import io.omnis.inventory.Availability;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Sku;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second node's copy of the network (its own {@link RoutingNetwork} and
 * {@link Decider}, warmed by a first decision) sees every change made through the first
 * node's API by its very next decision: a location that stops shipping, a location
 * deactivated for routing, and new routing rules.
 */
class RoutingNetworkTests extends RunningOmnis {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final double LAT = 38.72;

	static final double LON = -9.14;

	@Autowired
	Availability availability;

	@Autowired
	Locations locations;

	@Autowired
	CapacityStore capacity;

	@Autowired
	RulesStore rulesStore;

	@Autowired
	FulfilmentProperties properties;

	@Autowired
	RoutingSettings settings;

	@Test
	void aSecondNodeSeesLocationSettingsAndRulesChangedOnTheFirstByItsNextDecision() {
		Channels.Created created = channels.create(ChannelType.WEB, unique("Shop"), null,
				java.util.EnumSet.of(Permission.INVENTORY_READ, Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE,
						Permission.RESERVATIONS_WRITE, Permission.CHANNELS_READ));
		Caller api = bearer(secretOf(created));
		ChannelId channel = created.channel().id();
		String sku = "NET-" + UUID.randomUUID().toString().substring(0, 12);
		String near = site(api, 10);
		String far = site(api, 100);
		for (String location : List.of(near, far)) {
			api.post("/api/v1/inventory/movements", JSON
				.writeValueAsString(Map.of("type", "RECEIPT", "sku", sku, "locationId", location, "quantity", 5)))
				.expect(201);
		}
		Decider otherNode = new Decider(availability, capacity,
				new RoutingNetwork(locations, capacity, rulesStore, properties));

		Decider.Routed first = decide(otherNode, channel, sku);
		assertThat(first.decision().locations()).containsExactly(new LocationId(near));
		assertThat(first.decision().shippingCost()).isEqualTo(400);

		api.send("PATCH", "/api/v1/locations/" + near,
				BodyPublishers.ofString(JSON.writeValueAsString(Map.of("capabilities", List.of("PICKUP")))),
				"Content-Type", "application/json")
			.expect(200);
		Decider.Routed notShipping = decide(otherNode, channel, sku);
		assertThat(notShipping.decision().locations()).containsExactly(new LocationId(far));
		assertThat(notShipping.decision().explanation().excluded())
			.containsEntry("cannot ship (no SHIPS or SHIP_FROM_STORE capability)", 1);

		api.send("PATCH", "/api/v1/locations/" + near,
				BodyPublishers.ofString(JSON.writeValueAsString(Map.of("capabilities", List.of("PICKUP", "SHIPS")))),
				"Content-Type", "application/json")
			.expect(200);
		assertThat(decide(otherNode, channel, sku).decision().locations()).containsExactly(new LocationId(near));
		api.send("PUT", "/api/v1/fulfilment/locations/" + near,
				BodyPublishers.ofString(JSON.writeValueAsString(Map.of("active", false))), "Content-Type",
				"application/json")
			.expect(200);
		Decider.Routed inactive = decide(otherNode, channel, sku);
		assertThat(inactive.decision().locations()).containsExactly(new LocationId(far));
		assertThat(inactive.decision().explanation().excluded()).containsEntry("not active", 1);
		api.send("PUT", "/api/v1/fulfilment/locations/" + near,
				BodyPublishers.ofString(JSON.writeValueAsString(Map.of("active", true))), "Content-Type",
				"application/json")
			.expect(200);

		RoutingRules before = settings.rules();
		try {
			String changed = JSON.writeValueAsString(before).replace("\"cost\":400", "\"cost\":450");
			assertThat(changed).contains("450");
			api.send("PUT", "/api/v1/fulfilment/rules", BodyPublishers.ofString(changed), "Content-Type",
					"application/json")
				.expect(200);
			Decider.Routed repriced = decide(otherNode, channel, sku);
			assertThat(repriced.decision().locations()).containsExactly(new LocationId(near));
			assertThat(repriced.decision().shippingCost()).isEqualTo(450);
			assertThat(repriced.rules().costAt(10.0)).isEqualTo(450);
		}
		finally {
			settings.change(before);
		}
		assertThat(decide(otherNode, channel, sku).decision().shippingCost()).isEqualTo(400);
	}

	private static Decider.Routed decide(Decider node, ChannelId channel, String sku) {
		return node.decide(channel, FulfilmentMethod.SHIP, new Coordinates(LAT, LON), null,
				List.of(new Planner.Need(0, new Sku(sku), 1)), null, Instant.now());
	}

	private String site(Caller api, double km) {
		Map<String, Object> body = Map.of("name", unique("Net site"), "type", "WAREHOUSE", "address",
				Map.of("line1", "Rua 1", "city", "Lisboa", "country", "PT"), "coordinates",
				Map.of("latitude", LAT + km / 111.195, "longitude", LON), "timeZone", "Europe/Lisbon", "capabilities",
				List.of("PICKUP", "SHIPS"));
		return api.post("/api/v1/locations", JSON.writeValueAsString(body)).expect(201).path("id").asString();
	}

}
