package io.omnis.demo;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.inventory.Address;
import io.omnis.inventory.Allocations;
import io.omnis.inventory.Capability;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Inventory;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.inventory.MovementType;
import io.omnis.inventory.Opening;
import io.omnis.inventory.Sku;
import io.omnis.inventory.StockChange;

/**
 * Gives Lumen its stock, once per database after the organisation itself: the six stores
 * tied to their tills, a distribution centre and a dark store, opening stock of twenty
 * SKUs from the demo seed, and units held for the marketplace.
 */
@Component
@ConditionalOnBooleanProperty("omnis.demo.enabled")
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class DemoInventory implements ApplicationRunner {

	static final String DATASET = "lumen-inventory-v1";

	private static final Logger log = LoggerFactory.getLogger(DemoInventory.class);

	private static final List<String> PRODUCTS = List.of("LMN-TEE-WHT", "LMN-TEE-BLK", "LMN-JEAN-IND", "LMN-KNIT-OAT",
			"LMN-LINEN-SHIRT");

	private static final List<String> SIZES = List.of("S", "M", "L", "XL");

	private static final Set<Capability> STORE = EnumSet.of(Capability.PICKUP, Capability.SHIP_FROM_STORE,
			Capability.ACCEPTS_RETURNS, Capability.CURBSIDE);

	private static final List<Site> SITES = List.of(
			new Site("Lisbon Chiado", LocationType.STORE, "Rua Garrett 12", "Lisboa", "1200-204", "PT", 38.7107,
					-9.1416, "Europe/Lisbon", STORE),
			new Site("Porto Santa Catarina", LocationType.STORE, "Rua de Santa Catarina 300", "Porto", "4000-443", "PT",
					41.1486, -8.6063, "Europe/Lisbon", STORE),
			new Site("Madrid Gran Vía", LocationType.STORE, "Gran Vía 32", "Madrid", "28013", "ES", 40.4203, -3.7058,
					"Europe/Madrid", STORE),
			new Site("Barcelona Passeig de Gràcia", LocationType.STORE, "Passeig de Gràcia 55", "Barcelona", "08007",
					"ES", 41.3936, 2.1633, "Europe/Madrid", STORE),
			new Site("Lyon Presqu'île", LocationType.STORE, "Rue de la République 40", "Lyon", "69002", "FR", 45.7620,
					4.8357, "Europe/Paris", STORE),
			new Site("Berlin Mitte", LocationType.STORE, "Rosenthaler Straße 40", "Berlin", "10178", "DE", 52.5264,
					13.4020, "Europe/Berlin", STORE),
			new Site("Azambuja distribution centre", LocationType.WAREHOUSE, "Estrada Nacional 3, km 7", "Azambuja",
					"2050-306", "PT", 39.0700, -8.8680, "Europe/Lisbon", EnumSet.of(Capability.SHIPS)),
			new Site("Madrid Chamberí dark store", LocationType.DARK_STORE, "Calle de Fuencarral 120", "Madrid",
					"28010", "ES", 40.4340, -3.7020, "Europe/Madrid",
					EnumSet.of(Capability.SHIPS, Capability.SAME_DAY)));

	private final Channels channels;

	private final Locations locations;

	private final Inventory inventory;

	private final Allocations allocations;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	DemoInventory(Channels channels, Locations locations, Inventory inventory, Allocations allocations, JdbcClient jdbc,
			TransactionTemplate transactions) {
		this.channels = channels;
		this.locations = locations;
		this.inventory = inventory;
		this.allocations = allocations;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> {
			if (DemoDatasets.claim(jdbc, DATASET)) {
				load();
			}
		});
	}

	private void load() {
		Map<String, ChannelId> byName = channels.page(null, 200, null, null)
			.data()
			.stream()
			.collect(Collectors.toMap(Channel::name, Channel::id, (a, b) -> a));
		Random random = new Random(DemoOrganisation.SEED);
		List<Location> created = new ArrayList<>();
		for (Site site : SITES) {
			Location location = locations
				.create(site.draft(site.type() == LocationType.STORE ? byName.get(site.name()) : null));
			created.add(location);
			List<StockChange> opening = new ArrayList<>();
			for (String product : PRODUCTS) {
				for (String size : SIZES) {
					int quantity = switch (site.type()) {
						case WAREHOUSE -> 60 + random.nextInt(140);
						case DARK_STORE -> random.nextInt(25);
						case STORE -> random.nextInt(9);
					};
					if (quantity > 0) {
						opening.add(new StockChange(MovementType.RECEIPT, new Sku(product + "-" + size), location.id(),
								quantity, "demo opening stock", "lumen-seed"));
					}
				}
			}
			inventory.record(opening, null, "movements");
		}
		ChannelId marketplace = byName.get("Lumen on Zalando");
		Location warehouse = created.stream()
			.filter(location -> location.type() == LocationType.WAREHOUSE)
			.findFirst()
			.orElseThrow();
		if (marketplace != null) {
			for (String size : SIZES) {
				allocations.allocate(new Sku("LMN-TEE-WHT-" + size), warehouse.id(), marketplace, 10);
			}
		}
		log.info("Demo inventory loaded: {} locations, {} SKUs", created.size(), PRODUCTS.size() * SIZES.size());
	}

	record Site(String name, LocationType type, String street, String city, String postalCode, String country,
			double latitude, double longitude, String timeZone, Set<Capability> capabilities) {

		Locations.Draft draft(@Nullable ChannelId tills) {
			List<Opening> hours = type == LocationType.STORE ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY)
				.stream()
				.map(day -> new Opening(day, LocalTime.of(10, 0), LocalTime.of(20, 0)))
				.toList() : List.of();
			return new Locations.Draft(name, type, new Address(street, null, city, postalCode, null, country),
					new Coordinates(latitude, longitude), timeZone, hours, capabilities, tills);
		}

	}

}
