package io.omnis.order;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.GarbageJson;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies generated from fixed seeds, sent to the endpoints where stock, carts and orders
 * change (a new cart with its first line, a line added or changed, a checkout, a stock
 * movement or a batch of them, safety stock, a channel allocation, a reservation, a till
 * sale, a new or changed location) and to a cart's availability: none may cause a server
 * error, every refusal is a problem detail, and a refused request changes nothing,
 * neither the cart nor any stock, ledger, allocation, reservation or order row of the
 * SKU, nor any location.
 */
class GeneratedOrderInputTests extends OrderFixtures {

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("io.omnis.GarbageJson#seeds")
	void noGeneratedBodyCausesAServerErrorAndARefusedOneChangesNothing(int seed) {
		Random random = new Random(seed);
		GarbageJson garbage = new GarbageJson(random);
		String lamp = product(priceList(), 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 5);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 1).expect(200);

		Caller caller = web.api();
		String method = "POST";
		String path;
		boolean idempotent = false;
		Map<String, Object> template = new LinkedHashMap<>();
		switch (random.nextInt(13)) {
			case 0 -> {
				path = "/api/v1/carts";
				template.put("currency", "EUR");
				template.put("country", "PT");
				template.put("anonymousId", anonymousId());
				template.put("lines", List.of(nested(garbage, random, Map.of("sku", lamp, "quantity", 1))));
			}
			case 1 -> {
				path = "/api/v1/carts/" + cart + "/lines";
				template.put("sku", lamp);
				template.put("quantity", 2);
			}
			case 2 -> {
				method = "PUT";
				path = "/api/v1/carts/" + cart + "/lines/" + lamp;
				template.put("quantity", 3);
			}
			case 3 -> {
				path = "/api/v1/carts/" + cart + "/checkout";
				template.put("payment",
						nested(garbage, random, Map.of("method", "test-card", "cardNumber", "4242 4242 4242 4242")));
				idempotent = true;
			}
			case 4 -> {
				caller = backoffice();
				path = "/api/v1/inventory/movements";
				template.put("type", "RECEIPT");
				template.put("sku", lamp);
				template.put("locationId", warehouse);
				template.put("quantity", 2);
			}
			case 5 -> {
				caller = backoffice();
				path = "/api/v1/reservations";
				template.put("reference", "generated-" + seed);
				template.put("kind", "CART");
				template.put("lines",
						List.of(nested(garbage, random, Map.of("sku", lamp, "locationId", warehouse, "quantity", 1))));
			}
			case 6 -> {
				caller = backoffice();
				path = "/api/v1/inventory/movements/batch";
				template.put(
						"movements", List.of(
								nested(garbage, random,
										Map.of("type", "ADJUSTMENT", "sku", lamp, "locationId", warehouse, "quantity",
												-1)),
								nested(garbage, random,
										Map.of("type", "COUNT", "sku", lamp, "locationId", warehouse, "quantity", 9))));
			}
			case 7 -> {
				caller = backoffice();
				method = "PUT";
				path = "/api/v1/inventory/stock/safety-stock";
				template.put("sku", lamp);
				template.put("locationId", warehouse);
				template.put("safetyStock", 1);
			}
			case 8 -> {
				caller = backoffice();
				method = "PUT";
				path = "/api/v1/inventory/allocations";
				template.put("sku", lamp);
				template.put("locationId", warehouse);
				template.put("channelId", web.id());
				template.put("quantity", 2);
			}
			case 9 -> {
				caller = backoffice();
				path = "/api/v1/locations";
				locationTemplate(garbage, random, template);
			}
			case 10 -> {
				caller = backoffice();
				method = "PATCH";
				path = "/api/v1/locations/" + warehouse;
				locationTemplate(garbage, random, template);
			}
			case 11 -> {
				caller = backoffice();
				path = "/api/v1/availability/cart";
				template.put("channelId", web.id());
				template.put("lines", List.of(nested(garbage, random, Map.of("sku", lamp, "quantity", 2))));
			}
			default -> {
				Shop store = store();
				receive(lamp, store.location(), 2);
				caller = store.api();
				path = "/api/v1/till-sales";
				template.put("currency", "EUR");
				template.put("lines", List.of(nested(garbage, random, Map.of("sku", lamp, "quantity", 1))));
			}
		}
		byte[] body = garbage.mutate(template);
		String contentType = garbage.contentType();
		boolean idempotencyKey = idempotent || random.nextInt(4) == 0;
		String before = state(lamp);
		JsonNode cartBefore = web.api().get("/api/v1/carts/" + cart).expect(200);

		GarbageJson.Sent sent = garbage.send(caller, method, path, body, contentType, idempotencyKey);

		if (sent.refused()) {
			assertThat(state(lamp)).as("stock, ledger, reservations and orders after refusing %s", sent.request())
				.isEqualTo(before);
			assertThat(web.api().get("/api/v1/carts/" + cart).expect(200)).as("cart after refusing %s", sent.request())
				.isEqualTo(cartBefore);
		}
	}

	private static void locationTemplate(GarbageJson garbage, Random random, Map<String, Object> template) {
		template.put("name", "Generated store");
		template.put("type", "STORE");
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("line1", "Rua das Flores 1");
		address.put("city", "Porto");
		address.put("postalCode", "4050-265");
		address.put("country", "PT");
		template.put("address", nested(garbage, random, address));
		template.put("coordinates", nested(garbage, random, Map.of("latitude", 41.14, "longitude", -8.61)));
		template.put("timeZone", "Europe/Lisbon");
		template.put("openingHours",
				List.of(nested(garbage, random, Map.of("day", "MONDAY", "opens", "09:00", "closes", "19:00"))));
		template.put("capabilities", List.of("PICKUP", "SHIP_FROM_STORE"));
	}

	/** A nested object of the template, itself mutated one time in three. */
	private static Map<String, Object> nested(GarbageJson garbage, Random random, Map<String, Object> object) {
		Map<String, Object> copy = new LinkedHashMap<>(object);
		return random.nextInt(3) == 0 ? garbage.mutateFields(copy) : copy;
	}

	/**
	 * Everything a request about the SKU could change: its stock rows, its ledger, its
	 * allocations, its reservation and order lines, how many carts exist, and the
	 * locations.
	 */
	private String state(String sku) {
		return jdbc
			.sql("""
					select concat_ws(' | ',
					    (select string_agg(location_id || ' ' || on_hand || '/' || reserved || '/' || safety_stock, ', '
					                       order by location_id) from stock where sku = :sku),
					    'movements ' || (select count(*) from stock_movement where sku = :sku),
					    'allocations ' || (select count(*) || ':' || coalesce(sum(quantity), 0)
					                         from stock_allocation where sku = :sku),
					    'reserved lines ' || (select count(*) || ':' || coalesce(sum(quantity), 0)
					                            from reservation_line where sku = :sku),
					    'order lines ' || (select count(*) from order_line where sku = :sku),
					    'carts ' || (select count(*) from cart),
					    'locations ' || (select count(*) || ':' || md5(string_agg(l::text, '|' order by l.id)) from location l))""")
			.param("sku", sku)
			.query(String.class)
			.single();
	}

}
