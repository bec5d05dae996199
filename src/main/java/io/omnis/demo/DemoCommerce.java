package io.omnis.demo;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.catalog.CatalogImport;
import io.omnis.catalog.PriceList;
import io.omnis.catalog.PriceLists;
import io.omnis.catalog.TaxRates;
import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.SameDaySlot;
import io.omnis.fulfilment.SameDaySlots;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.Cart;
import io.omnis.order.Carts;
import io.omnis.order.Checkout;
import io.omnis.order.NewCart;
import io.omnis.order.TillSales;

/**
 * Gives Lumen something to sell and people buying it, once per database after its stock:
 * the catalogue of the twenty demo SKUs with euro prices and each country's VAT, web and
 * app orders of the demo customers (shipped, collected in store, same-day, curbside), so
 * that the stores' work queues hold real pick tasks, carts left open, and till sales with
 * loyalty cards. Every step goes through the same services as the API.
 */
@Component
@ConditionalOnBooleanProperty("omnis.demo.enabled")
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class DemoCommerce implements ApplicationRunner {

	static final String DATASET = "lumen-commerce-v1";

	private static final Logger log = LoggerFactory.getLogger(DemoCommerce.class);

	static final List<Product> PRODUCTS = List.of(
			new Product("LMN-TEE-WHT", "organic-cotton-tee-white", "Organic cotton tee, white",
					"Heavyweight organic cotton, relaxed fit.", 1990, 180),
			new Product("LMN-TEE-BLK", "organic-cotton-tee-black", "Organic cotton tee, black",
					"Heavyweight organic cotton, relaxed fit.", 1990, 180),
			new Product("LMN-JEAN-IND", "straight-jeans-indigo", "Straight jeans, indigo",
					"Rigid denim woven in Portugal, straight leg.", 6990, 650),
			new Product("LMN-KNIT-OAT", "merino-knit-oat", "Merino knit, oat",
					"Extra-fine merino, crew neck, ribbed hems.", 8900, 420),
			new Product("LMN-LINEN-SHIRT", "linen-shirt-natural", "Linen shirt, natural",
					"Washed European linen, button-down collar.", 5990, 260));

	static final List<String> SIZES = List.of("S", "M", "L", "XL");

	private static final Map<String, BigDecimal> VAT = Map.of("PT", new BigDecimal("0.23"), "ES",
			new BigDecimal("0.21"), "FR", new BigDecimal("0.20"), "DE", new BigDecimal("0.19"));

	private static final String PAID_CARD = "4242 4242 4242 4242";

	private final JdbcClient jdbc;

	private final Channels channels;

	private final Locations locations;

	private final PriceLists priceLists;

	private final TaxRates taxRates;

	private final CatalogImport catalogImport;

	private final Carts carts;

	private final Checkout checkout;

	private final TillSales tillSales;

	private final DemoShoppers shoppers;

	private final SameDaySlots sameDaySlots;

	private final JsonMapper json;

	DemoCommerce(JdbcClient jdbc, Channels channels, Locations locations, PriceLists priceLists, TaxRates taxRates,
			CatalogImport catalogImport, Carts carts, Checkout checkout, TillSales tillSales, DemoShoppers shoppers,
			SameDaySlots sameDaySlots, JsonMapper json) {
		this.sameDaySlots = sameDaySlots;
		this.jdbc = jdbc;
		this.channels = channels;
		this.locations = locations;
		this.priceLists = priceLists;
		this.taxRates = taxRates;
		this.catalogImport = catalogImport;
		this.carts = carts;
		this.checkout = checkout;
		this.tillSales = tillSales;
		this.shoppers = shoppers;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) {
		// Claimed in its own statement, then loaded step by step through the services,
		// each in its own transaction as a client's calls would be: a refused order (a
		// size sold out) is skipped, not a reason to lose the rest
		if (DemoDatasets.claim(jdbc, DATASET)) {
			load();
		}
	}

	private void load() {
		Map<String, Channel> byName = channels.page(null, 200, null, null)
			.data()
			.stream()
			.collect(Collectors.toMap(Channel::name, channel -> channel, (a, b) -> a));
		VAT.forEach((country, rate) -> taxRates.put(country, null, "standard", rate));
		PriceList list = priceLists.create(new PriceLists.Terms("Lumen EUR", "EUR", null, null, null, true, 0));
		catalogImport.json(new ByteArrayInputStream(catalogue().getBytes(StandardCharsets.UTF_8)), list.id().value());

		List<Location> stores = locations.page(null, 200, null)
			.data()
			.stream()
			.filter(location -> location.type() == LocationType.STORE)
			.toList();
		Location sameDayStore = locations.page(null, 200, LocationType.DARK_STORE).data().getFirst();
		Random random = new Random(DemoOrganisation.SEED + 3);
		List<DemoShoppers.Shopper> people = shoppers.all();
		Channel web = byName.get("Lumen web shop");
		Channel app = byName.get("Lumen app");
		int placed = 0;
		int open = 0;
		int refused = 0;
		for (int i = 0; i < people.size() && web != null && app != null; i++) {
			DemoShoppers.Shopper shopper = people.get(i);
			Channel channel = random.nextInt(10) < 7 ? web : app;
			Location store = stores.get(random.nextInt(stores.size()));
			try {
				Cart cart = cart(channel.id(), shopper, store.address().country(), random);
				if (i % 6 == 5) {
					open++; // left in the cart: the 360 shows it, the app or a till can
							// take it on
					continue;
				}
				int way = random.nextInt(20);
				FulfilmentMethod method = way < 9 ? FulfilmentMethod.SHIP : way < 16 ? FulfilmentMethod.PICKUP
						: way < 18 ? FulfilmentMethod.CURBSIDE : FulfilmentMethod.SAME_DAY;
				SameDaySlot slot = method == FulfilmentMethod.SAME_DAY ? nextSlot(sameDayStore) : null;
				if (method == FulfilmentMethod.SAME_DAY && slot == null) {
					method = FulfilmentMethod.SHIP; // nothing bookable in the coming week
				}
				Coordinates home = method == FulfilmentMethod.SAME_DAY ? new Coordinates(40.43, -3.69)
						: near(store.coordinates(), random);
				checkout.checkout(cart.id(), channel.id(),
						new Checkout.Payment("test-card", Map.of("cardNumber", PAID_CARD)), null, method,
						method.atStore() ? null : home, method.atStore() ? store.id() : null,
						slot == null ? null : sameDayStore.id(), slot == null ? null : slot.start());
				placed++;
			}
			catch (ProblemException ex) {
				refused++;
				log.debug("Demo order of {} refused: {}", shopper.email(), ex.getMessage());
			}
		}
		int sales = tillSales(byName, people, random);
		log.info("Demo commerce loaded: {} products, {} web and app orders ({} refused), {} open carts, {} till sales",
				PRODUCTS.size(), placed, refused, open, sales);
	}

	/** The first slot still bookable at the store, today or on a later day. */
	private @Nullable SameDaySlot nextSlot(Location store) {
		for (int day = 0; day < SameDaySlots.DAYS_AHEAD; day++) {
			LocalDate date = LocalDate.now(store.timeZone()).plusDays(day);
			for (SameDaySlot slot : sameDaySlots.slots(store.id().value(), date)) {
				if (slot.bookable() && slot.remaining() > 0) {
					return slot;
				}
			}
		}
		return null;
	}

	private Cart cart(ChannelId channel, DemoShoppers.Shopper shopper, String country, Random random) {
		Cart cart = carts.create(channel,
				new NewCart("EUR", country, new Carts.CustomerIds(null, null, shopper.email(), null, null, null)));
		int lines = 1 + random.nextInt(3);
		for (int line = 0; line < lines; line++) {
			carts.addLine(cart.id(), channel, sku(random), 1 + (random.nextInt(4) == 0 ? 1 : 0), null, null);
		}
		return cart;
	}

	private int tillSales(Map<String, Channel> byName, List<DemoShoppers.Shopper> people, Random random) {
		List<Channel> tills = byName.values().stream().filter(channel -> channel.type() == ChannelType.STORE).toList();
		int sales = 0;
		for (int i = 0; i < 40 && !tills.isEmpty(); i++) {
			Channel till = tills.get(random.nextInt(tills.size()));
			TillSales.SaleCustomer customer = null;
			if (!people.isEmpty() && random.nextInt(3) > 0) {
				DemoShoppers.Shopper shopper = people.get(random.nextInt(people.size()));
				customer = shopper.loyaltyCard() != null ? new TillSales.SaleCustomer(shopper.loyaltyCard(), null, null)
						: new TillSales.SaleCustomer(null, null, shopper.email());
			}
			try {
				tillSales.record(till.id(), new TillSales.Sale(List.of(new TillSales.SaleLine(sku(random), null, 1)),
						"EUR", customer, null));
				sales++;
			}
			catch (ProblemException ex) {
				log.debug("Demo till sale refused: {}", ex.getMessage());
			}
		}
		return sales;
	}

	private static String sku(Random random) {
		return PRODUCTS.get(random.nextInt(PRODUCTS.size())).sku() + "-" + SIZES.get(random.nextInt(SIZES.size()));
	}

	private static Coordinates near(Coordinates store, Random random) {
		return new Coordinates(store.latitude() + (random.nextDouble() - 0.5) * 0.2,
				store.longitude() + (random.nextDouble() - 0.5) * 0.2);
	}

	/** The catalogue as an import body: one row per size, with its barcode and price. */
	private String catalogue() {
		ArrayNode rows = json.createArrayNode();
		int serial = 0;
		for (Product product : PRODUCTS) {
			for (String size : SIZES) {
				String digits = "560" + String.format("%09d", 100_000 + serial++);
				rows.addObject()
					.put("handle", product.handle())
					.put("status", "ACTIVE")
					.put("title", product.title())
					.put("description", product.description())
					.put("sku", product.sku() + "-" + size)
					.put("barcode", digits + checkDigit(digits))
					.put("weightGrams", product.grams())
					.put("price", product.cents())
					.put("currency", "EUR")
					.putObject("options")
					.put("size", size);
			}
		}
		return json.writeValueAsString(rows);
	}

	/** The GTIN check digit of the digits before it. */
	static int checkDigit(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			sum += i % 2 == 0 ? digit * 3 : digit;
		}
		return (10 - sum % 10) % 10;
	}

	record Product(String sku, String handle, String title, String description, long cents, int grams) {
	}

}
