package io.omnis.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Curbside: the customer's message links to a page (no account, a signed token) where she
 * says she has arrived and where she parked; her store sees it among its arrivals. A
 * forged or expired link and a spot that is too long or odd change nothing.
 */
class CurbsideTests extends PickupFixtures {

	@Test
	void sheSaysWhereSheParkedAndTheStoreSeesHerArrival() {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		receive(lamp, store, 1);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "CURBSIDE", store, email, lamp, "1").path("id").asString();
		workUntilReady(store, lamp, "1");
		String mail = mail(email, order);
		assertThat(mail).contains("I have arrived");
		String token = token(mail);
		String code = code(mail);

		Answer page = anonymous().get("/pickup/" + token);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text()).contains(code).contains("I have arrived");
		assertThat(anonymous().get("/pickup/" + token + "/qr.svg").text()).startsWith("<svg");

		String arrival = "/pickup/" + token + "/arrival";
		anonymous().post(arrival, "{\"parkingSpot\": \"" + "x".repeat(41) + "\"}")
			.expectProblem(400, "invalid-field", "parkingSpot");
		anonymous().post(arrival, "{\"parkingSpot\": \"<b>bay</b>\"}")
			.expectProblem(400, "invalid-field", "parkingSpot");
		anonymous().post(arrival, "{\"parkingSpot\": \"   \"}").expectProblem(400, "invalid-field", "parkingSpot");
		anonymous().post(arrival, "{}").expectProblem(400, "invalid-field", "parkingSpot");
		assertThat(arrivals(store)).isEmpty();

		JsonNode arrived = anonymous().post(arrival, "{\"parkingSpot\": \"Bay 4, red Fiat\"}").expect(200);

		assertThat(arrived.path("parkingSpot").asString()).isEqualTo("Bay 4, red Fiat");
		JsonNode seen = arrivals(store).get(0);
		assertThat(seen.path("reference").asString()).isEqualTo(order);
		assertThat(seen.path("parkingSpot").asString()).isEqualTo("Bay 4, red Fiat");
		assertThat(anonymous().get("/pickup/" + token).text()).contains("We know you are here");

		// Collected: the link no longer takes arrivals, and the store's alert is gone
		handOver(store, codeBody(code));
		anonymous().post(arrival, "{\"parkingSpot\": \"Bay 5\"}").expectProblem(409, "conflict", "token");
		assertThat(arrivals(store)).isEmpty();
		Poll.until(Duration.ofSeconds(10), () -> web.api().get("/api/v1/orders/" + order).expect(200),
				o -> o.path("status").asString().equals("FULFILLED"));
	}

	@Test
	void aForgedOrExpiredLinkIsRefusedAndChangesNothing() throws Exception {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		receive(lamp, store, 1);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "CURBSIDE", store, email, lamp, "1").path("id").asString();
		workUntilReady(store, lamp, "1");
		String token = token(mail(email, order));
		String[] parts = token.split("\\.");

		// Another code, another time, or another signature: not ours
		String otherCode = parts[0] + ".ZZZZ2345." + parts[2] + "." + parts[3];
		anonymous().post("/pickup/" + otherCode + "/arrival", "{\"parkingSpot\": \"Bay 1\"}")
			.expectProblem(404, "not-found");
		String later = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86400) + "." + parts[3];
		anonymous().post("/pickup/" + later + "/arrival", "{\"parkingSpot\": \"Bay 1\"}")
			.expectProblem(404, "not-found");
		anonymous().post("/pickup/garbage/arrival", "{\"parkingSpot\": \"Bay 1\"}").expectProblem(404, "not-found");
		assertThat(anonymous().get("/pickup/" + otherCode).status()).isEqualTo(404);
		// Signed with the right key but past its time
		String past = parts[0] + "." + parts[1] + "." + Instant.now().minusSeconds(60).getEpochSecond();
		String expired = past + "." + sign(past);
		anonymous().post("/pickup/" + expired + "/arrival", "{\"parkingSpot\": \"Bay 1\"}")
			.expectProblem(410, "link-expired", "token");
		assertThat(anonymous().get("/pickup/" + expired).status()).isEqualTo(410);

		assertThat(arrivals(store)).isEmpty();
		assertThat(backoffice().get("/api/v1/fulfilment/pickups/" + parts[0]).expect(200).path("arrivedAt").isNull())
			.isTrue();
	}

	private JsonNode arrivals(String store) {
		return backoffice().get("/api/v1/fulfilment/locations/" + store + "/arrivals").expect(200).path("data");
	}

	/** Signs as Omnis does, with the key it keeps in the database. */
	private String sign(String content) throws Exception {
		byte[] key = Base64.getDecoder()
			.decode(jdbc.sql("select secret from pickup_secret where name = 'pickup-link'")
				.query(String.class)
				.single());
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(mac.doFinal(("pickup\n" + content).getBytes(StandardCharsets.UTF_8)));
	}

}
