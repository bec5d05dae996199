package io.omnis.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/locations}: stores, warehouses and dark stores, and the input they
 * refuse.
 */
class LocationApiTests extends InventoryTestSupport {

	@Test
	void aStoreIsCreatedWithItsTillChannelHoursAndCapabilitiesThenRenamed() {
		Caller admin = channel(ChannelType.WEB);
		Caller tills = channel(ChannelType.STORE);
		String name = "Lisbon Chiado " + UUID.randomUUID();
		Api.Response created = admin.api()
			.post("/api/v1/locations",
					Map.of("name", name, "type", "STORE", "address",
							Map.of("line1", "Rua Garrett 12", "city", "Lisboa", "postalCode", "1200-204", "country",
									"pt"),
							"coordinates", Map.of("latitude", 38.7107, "longitude", -9.1416), "timeZone",
							"Europe/Lisbon", "openingHours",
							List.of(Map.of("day", "SATURDAY", "opens", "10:00", "closes", "20:00"),
									Map.of("day", "MONDAY", "opens", "09:00", "closes", "19:30")),
							"capabilities", List.of("PICKUP", "SHIP_FROM_STORE", "ACCEPTS_RETURNS"), "channelId",
							tills.id().value()));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.text("id");
		assertThat(id).startsWith("loc_");
		Api.Response read = admin.api().get("/api/v1/locations/" + id);
		assertThat(read.text("channelId")).isEqualTo(tills.id().value());
		assertThat(read.json().path("address").path("country").asString()).isEqualTo("PT");
		assertThat(read.json().path("openingHours").path(0).path("day").asString()).isEqualTo("MONDAY");
		assertThat(read.json().path("capabilities").toString()).contains("PICKUP");

		Api.Response renamed = admin.api().patch("/api/v1/locations/" + id, Map.of("name", name + " (new)"));
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.text("name")).endsWith("(new)");
		assertThat(renamed.text("timeZone")).isEqualTo("Europe/Lisbon");
	}

	@Test
	void locationsArePagedWithACursor() {
		Caller admin = channel(ChannelType.WEB);
		location(admin.api());
		location(admin.api());
		Api.Response first = admin.api().get("/api/v1/locations?limit=1");
		assertThat(first.json().path("data").size()).isEqualTo(1);
		String cursor = first.text("nextCursor");
		Api.Response second = admin.api().get("/api/v1/locations?limit=1&cursor=" + cursor);
		assertThat(second.json().path("data").path(0).path("id").asString())
			.isGreaterThan(first.json().path("data").path(0).path("id").asString());
	}

	@Test
	void aStoreCanOnlyBeTiedToAStoreChannel() {
		Caller web = channel(ChannelType.WEB);
		Api.Response refused = web.api()
			.post("/api/v1/locations",
					Map.of("name", "Store " + UUID.randomUUID(), "type", "STORE", "address",
							Map.of("line1", "Gran Vía 32", "city", "Madrid", "country", "ES"), "timeZone",
							"Europe/Madrid", "channelId", web.id().value()));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorField()).isEqualTo("channelId");
		assertThat(refused.text("detail")).contains("STORE channel");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					unknown time zone    | {"name":"X-NAME","type":"WAREHOUSE","address":{"line1":"a","city":"b","country":"PT"},"timeZone":"Mars/Olympus"} | 400 | timeZone
					latitude beyond 90   | {"name":"X-NAME","type":"WAREHOUSE","address":{"line1":"a","city":"b","country":"PT"},"timeZone":"UTC","coordinates":{"latitude":91,"longitude":0}} | 400 | coordinates.latitude
					closes before opens  | {"name":"X-NAME","type":"WAREHOUSE","address":{"line1":"a","city":"b","country":"PT"},"timeZone":"UTC","openingHours":[{"day":"MONDAY","opens":"18:00","closes":"09:00"}]} | 400 | openingHours[0].closes
					unknown capability   | {"name":"X-NAME","type":"WAREHOUSE","address":{"line1":"a","city":"b","country":"PT"},"timeZone":"UTC","capabilities":["TELEPORT"]} | 400 | capabilities[0]
					unknown country      | {"name":"X-NAME","type":"WAREHOUSE","address":{"line1":"a","city":"b","country":"XX"},"timeZone":"UTC"} | 400 | address.country
					missing address      | {"name":"X-NAME","type":"WAREHOUSE","timeZone":"UTC"} | 400 | address
					name of wrong type   | {"name":["x"],"type":"WAREHOUSE","address":{"line1":"a","city":"b","country":"PT"},"timeZone":"UTC"} | 400 | name
					unknown type         | {"name":"X-NAME","type":"CASTLE","address":{"line1":"a","city":"b","country":"PT"},"timeZone":"UTC"} | 400 | type
					malformed JSON       | {"name":"X-NAME", | 400 |
					""")
	void badLocationsAreRefusedNamingTheFieldAndNothingIsCreated(String why, String body, int status, String field) {
		Caller admin = channel(ChannelType.WEB);
		String name = "Refused " + UUID.randomUUID();
		Api.Response refused = admin.api().post("/api/v1/locations", body.replace("X-NAME", name));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
		assertThat(refused.json().path("type").asString()).startsWith("https://omnis.dev/problems/");
		if (field != null) {
			assertThat(refused.errorField()).isEqualTo(field);
		}
		assertThat(admin.api().get("/api/v1/locations?limit=200").json().toString()).doesNotContain(name);
	}

	@Test
	void aKeyWithoutInventoryManageCannotCreateLocations() {
		Caller reader = channel(ChannelType.WEB,
				java.util.EnumSet.of(io.omnis.kernel.security.Permission.INVENTORY_READ));
		Api.Response refused = reader.api()
			.post("/api/v1/locations", Map.of("name", "Nope", "type", "WAREHOUSE", "address",
					Map.of("line1", "a", "city", "b", "country", "PT"), "timeZone", "UTC"));
		assertThat(refused.status()).isEqualTo(403);
	}

	@Test
	void anUnknownLocationIsNotFound() {
		Caller admin = channel(ChannelType.WEB);
		assertThat(admin.api().get("/api/v1/locations/loc_nope").status()).isEqualTo(404);
	}

}
