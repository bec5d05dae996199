package io.omnis.order;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cart started with its lines ({@code POST /api/v1/carts} with {@code lines}): the same
 * cart as one built by adding them one by one, held at once where the channel reserves on
 * add, and all of it or nothing when one line is wrong.
 */
class CartWithLinesTests extends OrderFixtures {

	private String prices;

	private String lamp;

	private String bulb;

	private String warehouse;

	@BeforeEach
	void twoProductsInStock() {
		prices = priceList();
		lamp = product(prices, 4990);
		bulb = product(prices, 350);
		warehouse = warehouse();
		receive(lamp, warehouse, 4);
		receive(bulb, warehouse, 10);
	}

	@Test
	void aCartStartedWithItsLinesListsThemAsGivenAtTodaysPricesAndChecksOutLikeAnyOther() {
		Shop web = channel(ChannelType.WEB);
		JsonNode cart = newCart(web, """
				"anonymousId": "%s", "lines": [{"sku": "%s", "quantity": 3}, {"sku": "%s", "quantity": 1}]"""
			.formatted(anonymousId(), bulb, lamp));

		assertThat(cart.path("status").asString()).isEqualTo("OPEN");
		assertThat(cart.path("lines")).hasSize(2);
		assertThat(cart.path("lines").get(0).path("sku").asString()).isEqualTo(bulb);
		assertThat(cart.path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
		assertThat(cart.path("lines").get(1).path("sku").asString()).isEqualTo(lamp);
		assertThat(cart.path("lines").get(1).path("unitTax").path("amount").asLong()).isEqualTo(933);
		assertThat(cart.path("total").path("amount").asLong()).isEqualTo(3 * 350 + 4990);
		assertThat(cart.path("changes")).isEmpty();
		// Read back, in the order given; then more of a line is added as to any cart
		String id = cart.path("id").asString();
		JsonNode read = web.api().get("/api/v1/carts/" + id).expect(200);
		assertThat(read.path("lines").get(0).path("sku").asString()).isEqualTo(bulb);
		assertThat(read.path("lines").get(1).path("sku").asString()).isEqualTo(lamp);
		assertThat(add(web, id, lamp, 1).expect(200).path("lines").get(1).path("quantity").asInt()).isEqualTo(2);

		JsonNode order = payByCard(web, id).expect(201);
		assertThat(order.path("total").path("amount").asLong()).isEqualTo(3 * 350 + 2 * 4990);
		assertThat(stock(lamp, warehouse).path("onHand").asInt() - stock(lamp, warehouse).path("reserved").asInt())
			.isEqualTo(2);
	}

	@Test
	void whereTheChannelReservesOnAddTheLinesAreHeldAtOnceOrNoCartIsStarted() {
		Shop app = reservingOnAdd(20);
		String customer = anonymousId();

		JsonNode cart = newCart(app, """
				"anonymousId": "%s", "lines": [{"sku": "%s", "quantity": 2}, {"sku": "%s", "quantity": 4}]"""
			.formatted(customer, lamp, bulb));
		assertThat(cart.path("reservationId").asString()).startsWith("res_");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isEqualTo(2);
		assertThat(stock(bulb, warehouse).path("reserved").asInt()).isEqualTo(4);
		// The hold is written with the cart: read back, and a line added holds the
		// difference only
		String id = cart.path("id").asString();
		JsonNode read = app.api().get("/api/v1/carts/" + id).expect(200);
		assertThat(read.path("reservationId").asString()).isEqualTo(cart.path("reservationId").asString());
		assertThat(read.path("updatedAt").asString()).isEqualTo(cart.path("updatedAt").asString());
		assertThat(add(app, id, lamp, 1).expect(200).path("reservationId").asString())
			.isEqualTo(cart.path("reservationId").asString());
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isEqualTo(3);
		assertThat(stock(bulb, warehouse).path("reserved").asInt()).isEqualTo(4);

		// One lamp is left: three cannot be held, so the bulbs are not either, and no
		// cart is started
		long before = carts();
		app.api()
			.post("/api/v1/carts",
					"""
							{"currency": "EUR", "country": "PT", "anonymousId": "%s",
							 "lines": [{"sku": "%s", "quantity": 1}, {"sku": "%s", "quantity": 3}]}"""
						.formatted(anonymousId(), bulb, lamp))
			.expectProblem(409, "insufficient-stock", "lines[1].quantity");
		assertThat(carts()).isEqualTo(before);
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isEqualTo(3);
		assertThat(stock(bulb, warehouse).path("reserved").asInt()).isEqualTo(4);
	}

	static Stream<Arguments> badFirstLines() {
		return Stream.of(
				Arguments.of("[{\"sku\": \"%1$s\", \"quantity\": 1}, {\"sku\": \"NO-SUCH\", \"quantity\": 1}]", 404,
						"not-found", "lines[1].sku"),
				Arguments.of("[{\"sku\": \"%1$s\", \"quantity\": 0}]", 400, "invalid-field", "lines[0].quantity"),
				Arguments.of("[{\"sku\": \"%1$s\", \"quantity\": 1001}]", 400, "invalid-field", "lines[0].quantity"),
				Arguments.of("[{\"sku\": \"%2$s\"}]", 400, "invalid-field", "lines[0].quantity"),
				Arguments.of("[{\"sku\": \"%2$s\", \"quantity\": 1}, {\"quantity\": 1}]", 400, "invalid-field",
						"lines[1].sku"),
				Arguments.of("[{\"sku\": \"%1$s\", \"quantity\": 1}, {\"sku\": \"%1$s\", \"quantity\": 2}]", 400,
						"invalid-field", "lines[1].sku"),
				Arguments.of("[null]", 400, "invalid-field", "lines[0]"),
				Arguments.of("[{\"sku\": \" %1$s\", \"quantity\": 1}]", 400, "invalid-field", "lines[0].sku"),
				Arguments.of("[{\"sku\": \"%1$s\", \"quantity\": \"two\"}]", 400, "invalid-field", "lines[0].quantity"),
				Arguments.of("\"%1$s\"", 400, "invalid-field", "lines"),
				Arguments.of(manyLines(101), 400, "invalid-field", "lines"));
	}

	@ParameterizedTest
	@MethodSource("badFirstLines")
	void aBadFirstLineIsNamedAndNoCartIsStarted(String lines, int status, String type, String field) {
		Shop web = channel(ChannelType.WEB);
		long before = carts();
		web.api()
			.post("/api/v1/carts",
					"{\"currency\": \"EUR\", \"country\": \"PT\", \"anonymousId\": \"%s\", \"lines\": %s}"
						.formatted(anonymousId(), lines.formatted(lamp, bulb)))
			.expectProblem(status, type, field);
		assertThat(carts()).isEqualTo(before);
	}

	private static String manyLines(int count) {
		StringBuilder lines = new StringBuilder("[");
		for (int i = 0; i < count; i++) {
			lines.append(i == 0 ? "" : ",").append("{\"sku\": \"SKU-").append(i).append("\", \"quantity\": 1}");
		}
		return lines.append(']').toString();
	}

	private long carts() {
		return jdbc.sql("select count(*) from cart").query(Long.class).single();
	}

}
