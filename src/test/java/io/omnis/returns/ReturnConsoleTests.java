package io.omnis.returns;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's returns: "Start a return" on the customer 360, the return form, the
 * store's returns to receive, and receiving one into the store's stock.
 */
class ReturnConsoleTests extends ReturnFixtures {

	@Test
	void staffStartAReturnFromTheCustomer360AndTheStoreReceivesIt() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		Shop store = store();
		receive(lamp, store.location(), 2);
		String email = "eva-" + UUID.randomUUID() + "@example.com";
		String profile = profile(email);
		String order = store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "customer": {"email": "%s"}, "lines": [{"sku": "%s", "quantity": 2}]}"""
						.formatted(email, lamp))
			.expect(201)
			.path("id")
			.asString();
		Caller staff = console(signIn("admin", ADMIN_PASSWORD));

		String customer360 = page(staff, "/console/customers/" + profile);
		assertThat(customer360).contains("Start a return", "/console/returns/new?order=" + order);

		// The 360's button shows the form
		Answer button = form(staff, "/console/returns/new?order=" + order, "");
		assertThat(button.status()).isEqualTo(302);
		assertThat(button.header("Location")).endsWith("/console/returns/new?order=" + order);
		assertThat(page(staff, "/console/returns/new?order=" + order)).contains("quantity_0", "STORE_CREDIT");

		// Too many units: the form again with the reason, nothing started
		Answer tooMany = form(staff, "/console/returns/new?order=" + order,
				"quantity_0=3&reason_0=DEFECTIVE&resolution=STORE_CREDIT");
		assertThat(tooMany.header("Location")).endsWith("/console/returns/new?order=" + order);
		assertThat(backoffice().get("/api/v1/orders/" + order + "/returns").expect(200).path("data")).isEmpty();

		Answer started = form(staff, "/console/returns/new?order=" + order,
				"quantity_0=1&reason_0=DEFECTIVE&resolution=STORE_CREDIT&note=lid+cracked");
		assertThat(started.status()).isEqualTo(302);
		String returnId = started.header("Location").replaceAll(".*/console/returns/", "");
		assertThat(returnId).startsWith("ret_");

		String tablet = page(staff, "/console/stores/" + store.location() + "/returns");
		assertThat(tablet).contains(returnId, "Receive");
		assertThat(page(staff, "/console/stores/" + store.location() + "/work"))
			.contains("/console/stores/" + store.location() + "/returns");

		form(staff, "/console/returns/" + returnId + "/receive",
				"locationId=" + store.location() + "&disposition_0=RESTOCK&warehouseId=");
		JsonNode received = backoffice().get("/api/v1/returns/" + returnId).expect(200);
		assertThat(received.path("status").asString()).isEqualTo("CREDITED");
		assertThat(received.path("note").asString()).isEqualTo("lid cracked");
		assertThat(onHand(lamp, store.location())).isEqualTo(1);
		assertThat(page(staff, "/console/returns/" + returnId)).contains("CREDITED", "scr_");
		assertThat(page(staff, "/console/customers/" + profile)).contains(returnId);
	}

	private static String page(Caller staff, String path) {
		Answer answer = staff.get(path);
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		return answer.text();
	}

	private static Answer form(Caller staff, String path, String body) {
		return staff.send("POST", path, BodyPublishers.ofString(body), "Content-Type",
				"application/x-www-form-urlencoded");
	}

}
