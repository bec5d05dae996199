package io.omnis.order;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refunds: cancelling a paid order gives the money back through the provider that took
 * it, once; an order never paid refunds nothing.
 */
class RefundTests extends OrderFixtures {

	@Test
	void cancellingAPaidOrderRefundsItInFullThroughTheCard() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 2);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 2).expect(200);
		JsonNode order = payByCard(web, cart).expect(201);
		String id = order.path("id").asString();
		assertThat(web.api().get("/api/v1/orders/" + id + "/refunds").expect(200).path("data")).isEmpty();

		web.api().post("/api/v1/orders/" + id + "/cancel", "{\"reason\": \"changed her mind\"}").expect(200);

		JsonNode refunds = web.api().get("/api/v1/orders/" + id + "/refunds").expect(200);
		assertThat(refunds.path("captured").path("amount").asLong()).isEqualTo(2 * 4990);
		assertThat(refunds.path("refunded").path("amount").asLong()).isEqualTo(2 * 4990);
		assertThat(refunds.path("data")).hasSize(1);
		JsonNode refund = refunds.path("data").get(0);
		assertThat(refund.path("amount").path("amount").asLong()).isEqualTo(2 * 4990);
		assertThat(refund.path("paymentMethod").asString()).isEqualTo("test-card");
		assertThat(refund.path("reference").asString()).startsWith("rfd_");
		assertThat(refund.path("reason").asString()).isEqualTo("cancelled");
		assertThat(refund.path("id").asString()).startsWith("ref_");
		assertThat(console(signIn("admin", ADMIN_PASSWORD)).get("/console/orders/" + id).text())
			.contains(refund.path("reference").asString());

		// Cancelled once: a second cancel is refused and refunds nothing more
		web.api().post("/api/v1/orders/" + id + "/cancel", "{}").expectProblem(409, "conflict", "status");
		assertThat(web.api().get("/api/v1/orders/" + id + "/refunds").expect(200).path("data")).hasSize(1);
	}

	@Test
	void cancellingAnUnpaidPayInStoreOrderRefundsNothing() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 2);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 1).expect(200);
		String id = checkout(web, cart, UUID.randomUUID().toString(), "{\"method\": \"pay-in-store\"}").expect(201)
			.path("id")
			.asString();

		web.api().post("/api/v1/orders/" + id + "/cancel", "{}").expect(200);

		JsonNode refunds = web.api().get("/api/v1/orders/" + id + "/refunds").expect(200);
		assertThat(refunds.path("captured").path("amount").asLong()).isZero();
		assertThat(refunds.path("refunded").path("amount").asLong()).isZero();
		assertThat(refunds.path("data")).isEmpty();
	}

	@Test
	void aPayInStoreOrderPaidAtTheTillIsRefundedAtTheCounterWhenCancelled() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 2);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 1).expect(200);
		String id = checkout(web, cart, UUID.randomUUID().toString(), "{\"method\": \"pay-in-store\"}").expect(201)
			.path("id")
			.asString();
		web.api().post("/api/v1/orders/" + id + "/pay", "{\"method\": \"pay-in-store\"}").expect(200);

		web.api().post("/api/v1/orders/" + id + "/cancel", "{}").expect(200);

		JsonNode refund = web.api().get("/api/v1/orders/" + id + "/refunds").expect(200).path("data").get(0);
		assertThat(refund.path("paymentMethod").asString()).isEqualTo("pay-in-store");
		assertThat(refund.path("reference").asString()).isEqualTo("in-store-refund:" + id);
		assertThat(refund.path("amount").path("amount").asLong()).isEqualTo(4990);
	}

	@Test
	void refundsOfAnUnknownOrderAreNotFound() {
		channel(ChannelType.WEB).api().get("/api/v1/orders/ord_nope/refunds").expectProblem(404, "not-found");
	}

}
