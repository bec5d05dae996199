package io.omnis.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.omnis.tracking.Collection;

/**
 * Lumen's customers over the last 60 days, generated from a fixed seed and sent through
 * collection like any channel's events: anonymous browsing on the web shop, sign-ups with
 * consent choices, the app, loyalty cards at the tills (some linked online, some not),
 * and a shared family laptop.
 */
final class DemoCustomers {

	static final int CUSTOMERS = 240;

	private static final List<String> FIRST = List.of("Ana", "Marta", "João", "Inês", "Lucía", "Pablo", "Camille",
			"Hugo", "Lena", "Jonas", "Sofia", "Mateo", "Chloé", "Tiago", "Elena", "Noah", "Beatriz", "Rui", "Clara",
			"Léa", "Miguel", "Paula", "Emma", "Felix");

	private static final List<String> LAST = List.of("Silva", "Costa", "Ferreira", "García", "Martín", "Dubois",
			"Lefèvre", "Schmidt", "Weber", "Santos", "López", "Moreau", "Fischer", "Alves", "Pereira", "Ruiz");

	private static final List<String> PRODUCTS = List.of("Linen duvet cover", "Oak side table", "Wool throw",
			"Ceramic table lamp", "Rattan basket", "Cotton bath towel", "Stoneware mug set", "Velvet cushion");

	private final Collection collection;

	private final JsonMapper json;

	private final Map<String, List<ObjectNode>> bySource = new LinkedHashMap<>();

	private final Random random = new Random(DemoOrganisation.SEED);

	private final Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(60));

	private int messages;

	private final List<DemoShoppers.Shopper> shoppers = new ArrayList<>();

	DemoCustomers(Collection collection, JsonMapper json) {
		this.collection = collection;
		this.json = json;
	}

	/**
	 * Sends the customers' events from the given channels.
	 * @return the number of messages sent
	 */
	int send(String web, String app, List<String> stores) {
		for (int i = 0; i < CUSTOMERS; i++) {
			customer(i, web, app, stores);
		}
		bySource.forEach((channel, list) -> {
			for (int from = 0; from < list.size(); from += 500) {
				collection.record(channel, list.subList(from, Math.min(list.size(), from + 500)));
			}
		});
		return messages;
	}

	private void customer(int i, String web, String app, List<String> stores) {
		String first = FIRST.get(random.nextInt(FIRST.size()));
		String last = LAST.get(random.nextInt(LAST.size()));
		String userId = "lumen-" + (10_000 + i);
		String browser = "web-" + Long.toHexString(random.nextLong());
		String card = "LC" + (700_000 + i);
		Instant at = start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 40)));

		for (int view = 0; view < 1 + random.nextInt(4); view++) {
			at = at.plus(Duration.ofMinutes(1 + random.nextInt(20)));
			ObjectNode message = message("track", browser, null, at).put("event", "Product Viewed");
			message.putObject("properties").put("product", PRODUCTS.get(random.nextInt(PRODUCTS.size())));
			add(web, message);
		}
		if (random.nextInt(10) < 7) {
			at = at.plus(Duration.ofMinutes(5));
			ObjectNode identify = message("identify", browser, userId, at);
			ObjectNode traits = identify.putObject("traits");
			traits.put("firstName", first).put("lastName", last).put("email", email(first, last, i));
			String phone = null;
			if (random.nextBoolean()) {
				phone = "+35191" + (1_000_000 + random.nextInt(8_999_999));
				traits.put("phone", phone);
			}
			ObjectNode consent = identify.putObject("context").putObject("consent").putObject("categoryPreferences");
			consent.put("Analytics", true)
				.put("Advertising", random.nextInt(3) > 0)
				.put("Email Marketing", random.nextBoolean());
			boolean linkedCard = random.nextInt(3) == 0;
			shoppers.add(new DemoShoppers.Shopper(first + " " + last, email(first, last, i), phone,
					linkedCard ? card : null));
			if (linkedCard) {
				identify.withObject("context")
					.putArray("externalIds")
					.addObject()
					.put("id", card)
					.put("type", "loyalty_card")
					.put("collection", "users")
					.put("encoding", "none");
			}
			add(web, identify);
			if (random.nextBoolean()) {
				at = at.plus(Duration.ofDays(1 + random.nextInt(10)));
				add(web, message("track", browser, userId, at).put("event", "Order Completed"));
			}
			if (random.nextInt(10) < 5) {
				String device = "app-" + Long.toHexString(random.nextLong());
				at = at.plus(Duration.ofDays(random.nextInt(5)));
				add(app, message("screen", device, null, at).put("name", "Home"));
				add(app, message("identify", device, userId, at.plus(Duration.ofMinutes(1))));
			}
			if (i % 25 == 0) {
				// Someone else in the family signs in on the same laptop: never merged
				// into her
				ObjectNode other = message("identify", browser, userId + "-family", at.plus(Duration.ofHours(3)));
				other.putObject("traits")
					.put("firstName", FIRST.get(random.nextInt(FIRST.size())))
					.put("lastName", last);
				add(web, other);
			}
		}
		if (random.nextInt(10) < 4) {
			String store = stores.get(random.nextInt(stores.size()));
			at = at.plus(Duration.ofDays(random.nextInt(14)));
			ObjectNode sale = message("track", "card-" + card, null, at).put("event", "Order Completed");
			sale.putObject("properties")
				.put("total", 20 + random.nextInt(300))
				.put("currency", "EUR")
				.put("product", PRODUCTS.get(random.nextInt(PRODUCTS.size())));
			sale.putObject("context")
				.putArray("externalIds")
				.addObject()
				.put("id", card)
				.put("type", "loyalty_card")
				.put("collection", "users")
				.put("encoding", "none");
			add(store, sale);
		}
	}

	/** The customers who signed up with an e-mail, in the order they were generated. */
	List<DemoShoppers.Shopper> shoppers() {
		return List.copyOf(shoppers);
	}

	private ObjectNode message(String type, String anonymousId, @Nullable String userId, Instant at) {
		ObjectNode message = json.createObjectNode()
			.put("type", type)
			.put("messageId", "demo-" + (++messages))
			.put("anonymousId", anonymousId)
			.put("timestamp", at.toString());
		if (userId != null) {
			message.put("userId", userId);
		}
		return message;
	}

	private void add(String channel, ObjectNode message) {
		bySource.computeIfAbsent(channel, c -> new ArrayList<>()).add(message);
	}

	private static String email(String first, String last, int i) {
		String name = java.text.Normalizer.normalize(first + "." + last, java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT);
		return name + (i % 7 == 0 ? "" : String.valueOf(i)) + "@example.com";
	}

}
