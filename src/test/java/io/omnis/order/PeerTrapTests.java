package io.omnis.order;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traps peers fell into with carts and orders (docs/peer-lessons.md), each shown
 * avoided: stock held for one channel sold in another (vendure#2356), a kit and its
 * component drifting the reserved count (medusa#16502), a price-only edit re-reserving a
 * line (medusa#16406).
 */
class PeerTrapTests extends OrderFixtures {

	@Test
	void stockHeldForTheMarketplaceIsNotSoldOnTheWeb() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 3);
		Shop marketplace = channel(ChannelType.MARKETPLACE);
		backoffice()
			.send("PUT", "/api/v1/inventory/allocations",
					BodyPublishers
						.ofString("{\"sku\": \"%s\", \"locationId\": \"%s\", \"channelId\": \"%s\", \"quantity\": 2}"
							.formatted(lamp, warehouse, marketplace.id())),
					"Content-Type", "application/json")
			.expect(200);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 2).expect(200);

		JsonNode change = web.api().get("/api/v1/carts/" + cart).expect(200).path("changes").get(0);
		assertThat(change.path("kind").asString()).isEqualTo("AVAILABILITY");
		assertThat(change.path("available").asInt()).isEqualTo(1);
		payByCard(web, cart).expectProblem(409, "insufficient-stock", "lines[0].quantity");

		String theirs = anonymousCart(marketplace, anonymousId()).path("id").asString();
		add(marketplace, theirs, lamp, 3).expect(200);
		payByCard(marketplace, theirs).expect(201);
		assertThat(stock(lamp, warehouse).path("available").asInt()).isZero();
	}

	@Test
	void aKitAndItsOwnComponentInOneCartHoldTheComponentOnceAndGiveItAllBack() {
		String prices = priceList();
		String bulb = "BULB-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		String kit = "KIT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		backoffice()
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Bulbs", "status": "ACTIVE",
							 "variants": [{"sku": "%s", "taxCategory": "standard"},
							              {"sku": "%s", "taxCategory": "standard", "components": [{"sku": "%s", "quantity": 3}]}]}"""
						.formatted(kit.toLowerCase(Locale.ROOT), bulb, kit, bulb))
			.expect(201);
		price(prices, bulb, 350);
		price(prices, kit, 900);
		String warehouse = warehouse();
		receive(bulb, warehouse, 7);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, kit, 2).expect(200);
		add(web, cart, bulb, 2).expect(200);

		// Two kits of three and two loose bulbs make eight: one more than there are
		payByCard(web, cart).expectProblem(409, "insufficient-stock");
		assertThat(stock(bulb, warehouse).path("reserved").asInt()).isZero();
		web.api()
			.send("PUT", "/api/v1/carts/" + cart + "/lines/" + bulb, BodyPublishers.ofString("{\"quantity\": 1}"),
					"Content-Type", "application/json")
			.expect(200);
		String order = payByCard(web, cart).expect(201).path("id").asString();
		assertThat(stock(bulb, warehouse).path("reserved").asInt()).isEqualTo(7);

		web.api().post("/api/v1/orders/" + order + "/cancel", "{}").expect(200);
		JsonNode after = stock(bulb, warehouse);
		assertThat(after.path("reserved").asInt()).isZero();
		assertThat(after.path("onHand").asInt()).isEqualTo(7);
	}

	@Test
	void acceptingANewPriceMovesNoStock() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 4);
		Shop app = reservingOnAdd(30);
		String cart = anonymousCart(app, anonymousId()).path("id").asString();
		add(app, cart, lamp, 3).expect(200);
		int movements = ledgerSize(lamp, warehouse);

		price(prices, lamp, 3990);
		JsonNode accepted = app.api().post("/api/v1/carts/" + cart + "/accept-changes", "").expect(200);

		assertThat(accepted.path("lines").get(0).path("unitPrice").path("amount").asLong()).isEqualTo(3990);
		assertThat(ledgerSize(lamp, warehouse)).isEqualTo(movements);
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isEqualTo(3);
	}

	private int ledgerSize(String sku, String location) {
		return backoffice().get("/api/v1/inventory/ledger?sku=" + sku + "&location=" + location + "&limit=200")
			.expect(200)
			.path("data")
			.size();
	}

}
