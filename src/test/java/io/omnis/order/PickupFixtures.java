package io.omnis.order;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import io.omnis.Poll;
import io.omnis.TestMail;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Click and collect through the API: a store, an order to collect there, its pick list
 * worked until the order is ready, and the customer's message with her code read from the
 * test mail server.
 */
abstract class PickupFixtures extends OrderFixtures {

	private static final Pattern CODE = Pattern.compile("Your pickup code: ([A-Z0-9]+)");

	private static final Pattern LINK = Pattern.compile("/pickup/(\\S+)");

	/** The organisation's e-mail channel, through which notices go out. */
	@BeforeEach
	void anEmailChannel() {
		if (channels.page(null, 1, ChannelType.EMAIL, ChannelStatus.ACTIVE).data().isEmpty()) {
			channels.create(ChannelType.EMAIL, unique("Mailbox"), "notices in tests", java.util.Set.of());
		}
	}

	protected static String email() {
		return "collect-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	/** A store the customer can collect from, at the counter or at the curb. */
	protected String pickupStore() {
		return backoffice()
			.post("/api/v1/locations",
					"""
							{"name": "%s", "type": "STORE", "address": {"line1": "Rua Augusta 1", "city": "Lisboa", "country": "PT"},
							 "coordinates": {"latitude": 38.71, "longitude": -9.14}, "timeZone": "Europe/Lisbon",
							 "capabilities": ["PICKUP", "CURBSIDE"]}"""
						.formatted(unique("Store")))
			.expect(201)
			.path("id")
			.asString();
	}

	/** A paid web order to collect at the store, routed there. */
	protected JsonNode order(Shop web, String method, String store, String email, String... skuAndQuantity) {
		String cart = newCart(web, "\"email\": \"" + email + "\"").path("id").asString();
		for (int i = 0; i < skuAndQuantity.length; i += 2) {
			add(web, cart, skuAndQuantity[i], Integer.parseInt(skuAndQuantity[i + 1])).expect(200);
		}
		JsonNode order = web.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\": {\"method\": \"test-card\", \"cardNumber\": \"4242 4242 4242 4242\"}, "
							+ "\"fulfilment\": {\"method\": \"" + method + "\", \"pickupLocationId\": \"" + store
							+ "\"}}",
					"Idempotency-Key", UUID.randomUUID().toString())
			.expect(201);
		assertThat(order.path("status").asString()).isEqualTo("ALLOCATED");
		return order;
	}

	/** Picks every unit by scanning, packs: the order then waits at the counter. */
	protected void workUntilReady(String store, String... skuAndQuantity) {
		String pick = openTask(store, "PICK").path("id").asString();
		for (int i = 0; i < skuAndQuantity.length; i += 2) {
			for (int n = 0; n < Integer.parseInt(skuAndQuantity[i + 1]); n++) {
				backoffice()
					.post("/api/v1/fulfilment/tasks/" + pick + "/scans", "{\"barcode\": \"" + skuAndQuantity[i] + "\"}")
					.expect(200);
			}
		}
		backoffice().post("/api/v1/fulfilment/tasks/" + openTask(store, "PACK").path("id").asString() + "/complete", "")
			.expect(200);
	}

	protected JsonNode openTask(String store, String kind) {
		for (JsonNode task : backoffice().get("/api/v1/fulfilment/locations/" + store + "/tasks")
			.expect(200)
			.path("data")) {
			if (task.path("kind").asString().equals(kind)) {
				return task;
			}
		}
		throw new AssertionError("No open " + kind + " task at " + store);
	}

	protected JsonNode handOver(String store, String body) {
		return backoffice().post("/api/v1/fulfilment/locations/" + store + "/pickups", body).expect(200);
	}

	/** The newest message the customer got about the order, once it arrived. */
	protected static String mail(String email, String subjectPart) {
		return Poll.until(Duration.ofSeconds(20),
				() -> Arrays.stream(TestMail.server().getReceivedMessages())
					.filter(m -> to(m, email) && subject(m).contains(subjectPart))
					.reduce((first, second) -> second)
					.map(PickupFixtures::text)
					.orElse(""),
				text -> !text.isEmpty());
	}

	/** The messages the customer got about the order so far. */
	protected static long mails(String email, String subjectPart) {
		return Arrays.stream(TestMail.server().getReceivedMessages())
			.filter(m -> to(m, email) && subject(m).contains(subjectPart))
			.count();
	}

	protected static String code(String mail) {
		Matcher matcher = CODE.matcher(mail);
		assertThat(matcher.find()).as("a pickup code in %s", mail).isTrue();
		return matcher.group(1);
	}

	protected static String token(String mail) {
		Matcher matcher = LINK.matcher(mail);
		assertThat(matcher.find()).as("a pickup link in %s", mail).isTrue();
		return matcher.group(1);
	}

	protected static String codeBody(String code) {
		return "{\"code\": \"" + code + "\"}";
	}

	private static boolean to(MimeMessage message, String address) {
		try {
			return message.getRecipients(RecipientType.TO)[0].toString().equals(address);
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (Exception ex) {
			return "";
		}
	}

	private static String text(MimeMessage message) {
		try {
			return String.valueOf(message.getContent());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
