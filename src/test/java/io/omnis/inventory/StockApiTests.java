package io.omnis.inventory;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/inventory}: movements, stock and the ledger over HTTP.
 */
class StockApiTests extends InventoryTestSupport {

	@Test
	void receiptsSalesAndAnAbsoluteCountAreEachALedgerEntryThatAddsUpToOnHand() {
		Caller till = channel(ChannelType.STORE);
		String location = location(till.api());
		String sku = sku();
		receive(till.api(), sku, location, 10);
		assertThat(till.api().post("/api/v1/inventory/movements", movement("SALE", sku, location, 3)).status())
			.isEqualTo(201);
		Api.Response counted = till.api()
			.post("/api/v1/inventory/movements", Map.of("type", "COUNT", "sku", sku, "locationId", location, "quantity",
					12, "reason", "cycle count"));

		assertThat(counted.status()).isEqualTo(201);
		assertThat(counted.number("onHandDelta")).isEqualTo(5);
		assertThat(counted.text("channelId")).isEqualTo(till.id().value());
		assertThat(counted.text("actor")).startsWith("key:");
		JsonNode ledger = till.api().get("/api/v1/inventory/ledger?sku=" + sku + "&location=" + location).json();
		assertThat(ledger.path("data").size()).isEqualTo(3);
		int sum = 0;
		for (JsonNode entry : ledger.path("data")) {
			sum += entry.path("onHandDelta").asInt();
		}
		assertThat(sum).isEqualTo(12);
		assertThat(stock(till.api(), sku, location).number("onHand")).isEqualTo(12);
	}

	@Test
	void aCountSetsOnHandAndLeavesReservationsAlone() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 10);
		assertThat(
				web.api().post("/api/v1/reservations", reservation("cart-1", List.of(line(sku, location, 4)))).status())
			.isEqualTo(201);

		web.api().post("/api/v1/inventory/movements", movement("COUNT", sku, location, 6));

		Api.Response stock = stock(web.api(), sku, location);
		assertThat(stock.number("onHand")).isEqualTo(6);
		assertThat(stock.number("reserved")).isEqualTo(4);
		assertThat(stock.number("available")).isEqualTo(2);
		Api.Response below = web.api().post("/api/v1/inventory/movements", movement("COUNT", sku, location, 3));
		assertThat(below.status()).isEqualTo(409);
		assertThat(below.errorField()).isEqualTo("quantity");
		assertThat(stock(web.api(), sku, location).number("onHand")).isEqualTo(6);
	}

	@Test
	void aBatchIsRecordedAllOrNothing() {
		Caller erp = channel(ChannelType.WEB);
		String location = location(erp.api());
		String received = sku();
		String neverStocked = sku();
		Api.Response refused = erp.api()
			.post("/api/v1/inventory/movements/batch", Map.of("movements",
					List.of(movement("RECEIPT", received, location, 5), movement("SALE", neverStocked, location, 1))));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.errorField()).isEqualTo("movements[1].quantity");
		assertThat(refused.text("type")).endsWith("/insufficient-stock");
		assertThat(stock(erp.api(), received, location).status()).isEqualTo(404);

		Api.Response recorded = erp.api()
			.post("/api/v1/inventory/movements/batch",
					Map.of("movements",
							List.of(movement("RECEIPT", received, location, 5),
									movement("TRANSFER_OUT", received, location, 2),
									movement("RETURN", received, location, 1))));
		assertThat(recorded.status()).isEqualTo(201);
		assertThat(recorded.json().path("movements").size()).isEqualTo(3);
		assertThat(stock(erp.api(), received, location).number("onHand")).isEqualTo(4);
	}

	@Test
	void safetyStockIsNeverPromised() {
		Caller erp = channel(ChannelType.WEB);
		String location = location(erp.api());
		String sku = sku();
		receive(erp.api(), sku, location, 5);
		Api.Response set = erp.api()
			.put("/api/v1/inventory/stock/safety-stock", Map.of("sku", sku, "locationId", location, "safetyStock", 2));
		assertThat(set.number("available")).isEqualTo(3);

		Api.Response tooMany = erp.api()
			.post("/api/v1/reservations", reservation("cart", List.of(line(sku, location, 4))));
		assertThat(tooMany.status()).isEqualTo(409);
		assertThat(tooMany.number("available")).isEqualTo(3);
	}

	@Test
	void theLedgerIsPagedOldestFirst() {
		Caller erp = channel(ChannelType.WEB);
		String location = location(erp.api());
		String sku = sku();
		for (int i = 1; i <= 5; i++) {
			receive(erp.api(), sku, location, i);
		}
		String path = "/api/v1/inventory/ledger?sku=" + sku + "&location=" + location + "&limit=2";
		Api.Response first = erp.api().get(path);
		Api.Response second = erp.api().get(path + "&cursor=" + first.text("nextCursor"));
		Api.Response third = erp.api().get(path + "&cursor=" + second.text("nextCursor"));
		assertThat(first.json().path("data").path(0).path("onHandAfter").asInt()).isEqualTo(1);
		assertThat(second.json().path("data").path(1).path("onHandAfter").asInt()).isEqualTo(10);
		assertThat(third.json().path("data").size()).isEqualTo(1);
		assertThat(third.json().path("nextCursor").isNull()).isTrue();
	}

	@Test
	void theNetworkStockOfASkuListsEveryLocation() {
		Caller erp = channel(ChannelType.WEB);
		String a = location(erp.api());
		String b = location(erp.api());
		String sku = sku();
		receive(erp.api(), sku, a, 3);
		receive(erp.api(), sku, b, 4);
		Api.Response network = erp.api().get("/api/v1/inventory/stock?sku=" + sku);
		assertThat(network.number("onHand")).isEqualTo(7);
		assertThat(network.json().path("locations").size()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					zero quantity          | {"type":"RECEIPT","sku":"SKU_X","locationId":"LOC_X","quantity":0}     | 400 | quantity
					negative quantity      | {"type":"SALE","sku":"SKU_X","locationId":"LOC_X","quantity":-2}       | 400 | quantity
					zero adjustment        | {"type":"ADJUSTMENT","sku":"SKU_X","locationId":"LOC_X","quantity":0}  | 400 | quantity
					negative count         | {"type":"COUNT","sku":"SKU_X","locationId":"LOC_X","quantity":-1}      | 400 | quantity
					quantity as text       | {"type":"RECEIPT","sku":"SKU_X","locationId":"LOC_X","quantity":"five"}| 400 | quantity
					fractional quantity    | {"type":"RECEIPT","sku":"SKU_X","locationId":"LOC_X","quantity":1.5}   | 400 | quantity
					unknown type           | {"type":"THEFT","sku":"SKU_X","locationId":"LOC_X","quantity":1}       | 400 | type
					reserve through movements | {"type":"RESERVE","sku":"SKU_X","locationId":"LOC_X","quantity":1}  | 400 | type
					missing sku            | {"type":"RECEIPT","locationId":"LOC_X","quantity":1}               | 400 | sku
					sku too long           | {"type":"RECEIPT","sku":"SKU_XSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS","locationId":"LOC_X","quantity":1} | 400 | sku
					sku with a control char| {"type":"RECEIPT","sku":"SKU_X\\u0007","locationId":"LOC_X","quantity":1} | 400 | sku
					count at unknown location | {"type":"COUNT","sku":"SKU_X","locationId":"loc_00000000000000000000000000","quantity":3} | 404 | locationId
					malformed location id  | {"type":"RECEIPT","sku":"SKU_X","locationId":"warehouse-1","quantity":3} | 404 | locationId
					unknown field          | {"type":"RECEIPT","sku":"SKU_X","locationId":"LOC_X","quantity":1,"colour":"red"} | 400 | colour
					malformed JSON         | {"type":"RECEIPT",                                             | 400 |
					""")
	void badMovementsAreRefusedNamingTheFieldAndChangeNothing(String why, String body, int status, String field) {
		Caller erp = channel(ChannelType.WEB);
		String location = location(erp.api());
		String sku = sku();
		Api.Response refused = erp.api()
			.post("/api/v1/inventory/movements", body.replace("SKU_X", sku).replace("LOC_X", location));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
		assertThat(refused.json().path("type").asString()).startsWith("https://omnis.dev/problems/");
		if (field != null) {
			assertThat(refused.errorField()).isEqualTo(field);
		}
		assertThat(stock(erp.api(), sku, location).status()).isEqualTo(404);
		assertThat(erp.api()
			.get("/api/v1/inventory/ledger?sku=" + sku + "&location=" + location)
			.json()
			.path("data")
			.size()).isZero();
	}

	@Test
	void aSaleBeyondWhatIsOnHandIsRefused() {
		Caller till = channel(ChannelType.STORE);
		String location = location(till.api());
		String sku = sku();
		receive(till.api(), sku, location, 2);
		Api.Response refused = till.api().post("/api/v1/inventory/movements", movement("SALE", sku, location, 3));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("sku")).isEqualTo(sku);
		assertThat(refused.number("onHand")).isEqualTo(2);
		assertThat(stock(till.api(), sku, location).number("onHand")).isEqualTo(2);
	}

	@Test
	void aKeyCannotRecordForAnotherChannel() {
		Caller till = channel(ChannelType.STORE);
		Caller web = channel(ChannelType.WEB);
		String location = location(till.api());
		Api.Response refused = till.api()
			.post("/api/v1/inventory/movements", Map.of("type", "RECEIPT", "sku", sku(), "locationId", location,
					"quantity", 1, "channelId", web.id().value()));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.errorField()).isEqualTo("channelId");
	}

}
