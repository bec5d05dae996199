package io.omnis.returns;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad returns: each is refused with a problem naming the field, and nothing changes (no
 * return, every unit still returnable, no stock moved, nothing refunded).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReturnBadInputTests extends ReturnFixtures {

	private String lamp;

	private String bulb;

	private Shop web;

	private String orderId;

	private String warehouse;

	@BeforeAll
	void anOrderHandedOver() {
		String prices = priceList();
		lamp = product(prices, 4990);
		bulb = product(prices, 350);
		warehouse = warehouse();
		receive(lamp, warehouse, 5);
		receive(bulb, warehouse, 5);
		web = web();
		orderId = handedOverWebOrder(web, lamp, 2, bulb, 1).path("id").asString();
	}

	Stream<Arguments> badReturns() {
		return Stream.of(Arguments.of("{\"resolution\": \"REFUND\", \"lines\": []}", 400, "lines"),
				Arguments.of("{\"resolution\": \"REFUND\"}", 400, "lines"),
				Arguments.of("{\"resolution\": \"REFUND\", \"lines\": [null]}", 400, "lines[0]"),
				Arguments.of(body("REFUND", "{\"sku\": \"LAMP\", \"quantity\": 1, \"reason\": \"OTHER\"}"), 400,
						"lines[0].sku"),
				Arguments.of(body("REFUND", "{\"quantity\": 1, \"reason\": \"OTHER\"}"), 400, "lines[0].sku"),
				Arguments.of(body("REFUND", "{\"line\": 2, \"quantity\": 1, \"reason\": \"OTHER\"}"), 400,
						"lines[0].line"),
				Arguments.of(body("REFUND", "{\"line\": -1, \"quantity\": 1, \"reason\": \"OTHER\"}"), 400,
						"lines[0].line"),
				Arguments.of(body("REFUND", "{\"line\": 0, \"quantity\": 0, \"reason\": \"OTHER\"}"), 400,
						"lines[0].quantity"),
				Arguments.of(body("REFUND", "{\"line\": 0, \"quantity\": -3, \"reason\": \"OTHER\"}"), 400,
						"lines[0].quantity"),
				Arguments.of(body("REFUND", "{\"line\": 0, \"reason\": \"OTHER\"}"), 400, "lines[0].quantity"),
				Arguments.of(body("REFUND", "{\"line\": 0, \"quantity\": 2147483647, \"reason\": \"OTHER\"}"), 422,
						"lines[0].quantity"),
				Arguments.of(body("REFUND", "{\"line\": 0, \"quantity\": 3, \"reason\": \"OTHER\"}"), 422,
						"lines[0].quantity"),
				Arguments.of(body("REFUND", "{\"line\": 1, \"quantity\": 1, \"reason\": \"OTHER\"}",
						"{\"line\": 0, \"quantity\": 9, \"reason\": \"OTHER\"}"), 422, "lines[1].quantity"),
				Arguments.of(body("REFUND", "{\"line\": 0, \"quantity\": 1, \"reason\": \"BORED\"}"), 400,
						"lines[0].reason"),
				Arguments.of(body("REFUND", "{\"line\": 0, \"quantity\": 1}"), 400, "lines[0].reason"),
				Arguments.of(body("REFUND", "{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}",
						"{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}"), 400, "lines[1].line"),
				Arguments.of(body("REFUND",
						"{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\", \"note\": \"" + "x".repeat(501) + "\"}"),
						400, "lines[0].note"),
				Arguments.of(body("MONEY_BACK", "{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}"), 400,
						"resolution"),
				Arguments.of("{\"lines\": [{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}]}", 400, "resolution"),
				// The order's customer is anonymous: no store credit
				Arguments.of(body("STORE_CREDIT", "{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}"), 400,
						"resolution"),
				Arguments.of(body("EXCHANGE", "{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}"), 400,
						"exchange"),
				Arguments.of(
						"{\"resolution\": \"EXCHANGE\", \"exchange\": {\"sku\": \" x\", \"method\": \"SHIP\"}, "
								+ "\"lines\": [{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}]}",
						400, "exchange.sku"),
				Arguments.of(
						"{\"resolution\": \"EXCHANGE\", \"exchange\": {\"sku\": \"X\", \"method\": \"TELEPORT\"}, "
								+ "\"lines\": [{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}]}",
						400, "exchange.method"),
				Arguments.of(
						"{\"resolution\": \"EXCHANGE\", \"exchange\": {\"sku\": \"X\", \"method\": \"SHIP\", "
								+ "\"latitude\": 91, \"longitude\": 0}, "
								+ "\"lines\": [{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}]}",
						400, "exchange.latitude"),
				Arguments.of(
						"{\"resolution\": \"EXCHANGE\", \"exchange\": {\"sku\": \"X\", \"method\": \"PICKUP\", "
								+ "\"pickupLocationId\": \"loc_nope\"}, "
								+ "\"lines\": [{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}]}",
						400, "exchange.pickupLocationId"),
				Arguments.of(
						"{\"resolution\": \"REFUND\", \"exchange\": {\"sku\": \"X\"}, "
								+ "\"lines\": [{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}]}",
						400, "exchange"));
	}

	@ParameterizedTest
	@MethodSource("badReturns")
	void aBadReturnIsRefusedNamingTheFieldAndChangesNothing(String body, int status, String field) {
		JsonNode problem = web.api().post("/api/v1/orders/" + orderId + "/returns", body).expect(status);
		assertThat(Answer.fields(problem)).as(problem.toString()).contains(field);
		nothingChanged();
	}

	@Test
	void malformedBodiesAndUnknownIdsAreRefused() {
		web.api()
			.post("/api/v1/orders/" + orderId + "/returns",
					body("REFUND", "{\"line\": 0, \"quantity\": 99999999999, \"reason\": \"OTHER\"}"))
			.expectClientProblem();
		web.api().post("/api/v1/orders/" + orderId + "/returns", "{\"lines\": ").expectClientProblem();
		web.api()
			.post("/api/v1/orders/ord_nope/returns",
					body("REFUND", "{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}"))
			.expectProblem(404, "not-found");
		web.api().get("/api/v1/returns/ret_nope").expectProblem(404, "not-found");
		web.api().get("/api/v1/returns/ord_01m82z0erbb9nkv8rvrvp43m7z").expectProblem(404, "not-found");
		web.api()
			.post("/api/v1/returns/ret_nope/receive", "{\"locationId\": \"%s\"}".formatted(warehouse))
			.expectProblem(404, "not-found");
		web.api().post("/api/v1/returns/ret_nope/cancel", "").expectProblem(404, "not-found");
		withScopes(io.omnis.kernel.security.Permission.ORDERS_READ)
			.post("/api/v1/orders/" + orderId + "/returns",
					body("REFUND", "{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}"))
			.expect(403);
		nothingChanged();
	}

	Stream<Arguments> badReceipts() {
		return Stream.of(Arguments.of("{}", "locationId"), Arguments.of("{\"locationId\": \"nope\"}", "locationId"),
				Arguments.of("{\"locationId\": \"loc_01m82z0erbb9nkv8rvrvp43m7z\", \"disposition\": \"RESTOCK\"}",
						"locationId"),
				Arguments.of("{\"locationId\": \"%W\"}", "lines[0].disposition"),
				Arguments.of("{\"locationId\": \"%W\", \"disposition\": \"BURN\"}", "disposition"),
				Arguments.of("{\"locationId\": \"%W\", \"lines\": [{\"disposition\": \"RESTOCK\"}]}",
						"lines[1].disposition"),
				Arguments.of("{\"locationId\": \"%W\", \"disposition\": \"RESTOCK\", \"lines\": [{}, {}, {}]}",
						"lines"),
				Arguments.of("{\"locationId\": \"%W\", \"disposition\": \"TO_WAREHOUSE\"}", "warehouseId"));
	}

	@ParameterizedTest
	@MethodSource("badReceipts")
	void aBadReceiptIsRefusedNamingTheFieldAndChangesNothing(String body, String field) {
		String returnId = web.api()
			.post("/api/v1/orders/" + orderId + "/returns",
					body("REFUND", "{\"line\": 0, \"quantity\": 1, \"reason\": \"OTHER\"}",
							"{\"line\": 1, \"quantity\": 1, \"reason\": \"OTHER\"}"))
			.expect(201)
			.path("id")
			.asString();
		try {
			Answer answer = web.api().post("/api/v1/returns/" + returnId + "/receive", body.replace("%W", warehouse));
			answer.expectClientProblem();
			assertThat(Answer.fields(answer.json())).as(answer.text()).contains(field);
			assertThat(web.api().get("/api/v1/returns/" + returnId).expect(200).path("status").asString())
				.isEqualTo("REQUESTED");
			assertThat(onHand(lamp, warehouse)).isEqualTo(3);
			assertThat(onHand(bulb, warehouse)).isEqualTo(4);
		}
		finally {
			web.api().post("/api/v1/returns/" + returnId + "/cancel", "").expect(200);
		}
		nothingChanged();
	}

	private void nothingChanged() {
		JsonNode returns = web.api().get("/api/v1/orders/" + orderId + "/returns").expect(200);
		assertThat(values(returns.path("data"), "status")).allMatch("CANCELLED"::equals);
		assertThat(returns.path("returnable").get(0).path("returnable").asInt()).isEqualTo(2);
		assertThat(returns.path("returnable").get(1).path("returnable").asInt()).isEqualTo(1);
		assertThat(web.api().get("/api/v1/orders/" + orderId + "/refunds").expect(200).path("data")).isEmpty();
		assertThat(onHand(lamp, warehouse)).isEqualTo(3);
	}

	private static String body(String resolution, String... lines) {
		return "{\"resolution\": \"%s\", \"lines\": [%s]}".formatted(resolution, String.join(", ", lines));
	}

}
