package io.omnis.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.Caller;
import io.omnis.Http;
import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.conversation.ConversationEvents.ConversationPrioritised;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Priority;
import io.omnis.kernel.security.Permission;
import io.omnis.webhook.internal.Deliveries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events of a conversation reach a subscribed endpoint signed per Standard Webhooks; an
 * endpoint that fails twice gets the same message again until it accepts it, with every
 * attempt recorded; several workers at once never send an attempt twice.
 */
class WebhookDeliveryTests extends RunningOmnis {

	@Autowired
	Deliveries deliveries;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	HttpServer server;

	/** What the endpoint saw, per webhook-id: how it answered each time. */
	final Map<String, List<Integer>> answered = new ConcurrentHashMap<>();

	final List<String> problems = new CopyOnWriteArrayList<>();

	final List<JsonNode> accepted = new CopyOnWriteArrayList<>();

	final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();

	volatile String secret;

	@BeforeEach
	void endpoint() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/hooks", exchange -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
			int status;
			if (id == null || timestamp == null || signature == null
					|| !signature.equals(expected(id, timestamp, new String(body, StandardCharsets.UTF_8)))
					|| Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
				problems.add("bad signature on " + id);
				status = 401;
			}
			else {
				bodies.put(id, Http.JSON.readTree(body));
				List<Integer> earlier = answered.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>());
				status = earlier.size() < 2 ? 500 : 204;
				earlier.add(status);
				if (status == 204) {
					accepted.add(Http.JSON.readTree(body));
				}
			}
			exchange.sendResponseHeaders(status, status == 204 ? -1 : 0);
			if (status != 204) {
				exchange.getResponseBody().write(("answer " + status).getBytes(StandardCharsets.UTF_8));
			}
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void signedEventsAreRetriedUntilTheEndpointAcceptsThemAndEveryAttemptIsRecorded() throws Exception {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		JsonNode subscription = admin
			.post("/api/v1/webhooks",
					"{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort()
							+ "/hooks\",\"eventTypes\":[\"conversation.opened\",\"message.received\"]}")
			.expect(201);
		secret = subscription.path("secret").asString();
		assertThat(secret).startsWith("whsec_");
		String id = subscription.path("id").asString();

		String conversation = chat("Hello, is anyone there?");
		Poll.until(Duration.ofSeconds(20), () -> pending(id), count -> count >= 2);

		// Four workers at once, time pushed forward past each backoff: each attempt is
		// made once
		ExecutorService workers = Executors.newFixedThreadPool(4);
		try {
			for (int round = 1; round <= 6
					&& accepted.stream().filter(m -> mentions(m, conversation)).count() < 2; round++) {
				Instant later = Instant.now().plus(Duration.ofHours(round));
				List<Future<Integer>> runs = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					runs.add(workers.submit(() -> deliveries.deliverDue(later)));
				}
				for (Future<Integer> run : runs) {
					run.get();
				}
			}
		}
		finally {
			workers.shutdown();
		}

		assertThat(problems).isEmpty();
		List<JsonNode> mine = accepted.stream().filter(m -> mentions(m, conversation)).toList();
		assertThat(mine).extracting(m -> m.path("type").asString())
			.containsExactlyInAnyOrder("conversation.opened", "message.received");
		JsonNode opened = mine.stream()
			.filter(m -> m.path("type").asString().equals("conversation.opened"))
			.findFirst()
			.orElseThrow();
		assertThat(opened.path("data").path("channelType").asString()).isEqualTo("CHAT");
		assertThat(opened.path("timestamp").asString()).isNotBlank();

		JsonNode listed = admin.get("/api/v1/webhooks/" + id + "/deliveries").expect(200).path("data");
		int attemptsRecorded = 0;
		int attemptsSeen = 0;
		int checked = 0;
		for (JsonNode delivery : listed) {
			JsonNode sent = bodies.get(delivery.path("messageId").asString());
			if (sent == null || !mentions(sent, conversation)) {
				continue;
			}
			checked++;
			attemptsSeen += answered.get(delivery.path("messageId").asString()).size();
			assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
			assertThat(answered.get(delivery.path("messageId").asString())).containsExactly(500, 500, 204);
			List<Integer> codes = new ArrayList<>();
			delivery.path("tries").forEach(attempt -> codes.add(attempt.path("statusCode").asInt()));
			assertThat(codes).containsExactly(500, 500, 204);
			assertThat(delivery.path("tries").get(0).path("response").asString()).isEqualTo("answer 500");
			attemptsRecorded += delivery.path("attempts").asInt();
		}
		assertThat(checked).isEqualTo(2);
		String page = console(signIn("admin", ADMIN_PASSWORD)).get("/console/webhooks/" + id).text();
		assertThat(page).contains("conversation.opened", "DELIVERED", "500, 500, 204");
		assertThat(attemptsSeen).isEqualTo(attemptsRecorded).isEqualTo(6);
	}

	@Test
	void anEventsWebhookMessageIsWrittenInTheTransactionThatPublishedItAndNotAtAllWhenItRollsBack() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		admin
			.post("/api/v1/webhooks",
					"{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort()
							+ "/hooks\",\"eventTypes\":[\"conversation.prioritised\"]}")
			.expect(201);
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		ConversationId rolledBack = new ConversationId(io.omnis.kernel.Ids.next("cnv"));
		ConversationId committed = new ConversationId(io.omnis.kernel.Ids.next("cnv"));

		transaction.executeWithoutResult(status -> {
			events.publishEvent(new ConversationPrioritised(rolledBack, Priority.URGENT, null));
			assertThat(messagesAbout(rolledBack)).as("inside the publishing transaction").isEqualTo(1);
			status.setRollbackOnly();
		});
		transaction.executeWithoutResult(status -> {
			events.publishEvent(new ConversationPrioritised(committed, Priority.URGENT, null));
			assertThat(messagesAbout(committed)).as("inside the publishing transaction").isEqualTo(1);
		});

		assertThat(messagesAbout(rolledBack)).as("after the rollback").isZero();
		assertThat(messagesAbout(committed)).as("after the commit").isEqualTo(1);
		assertThat(jdbc.sql("""
				select count(*) from webhook_delivery d join webhook_message m on m.id = d.message_id
				 where m.payload like :about""")
			.param("about", "%" + committed.value() + "%")
			.query(Long.class)
			.single()).as("deliveries of the committed event").isEqualTo(1);
	}

	private long messagesAbout(ConversationId conversation) {
		return jdbc.sql("select count(*) from webhook_message where payload like :about")
			.param("about", "%" + conversation.value() + "%")
			.query(Long.class)
			.single();
	}

	@Test
	void badSubscriptionsAreRefusedNamingTheFieldAndNothingIsStored() {
		Caller admin = withScopes(Permission.CONVERSATIONS_MANAGE);
		long before = jdbc.sql("select count(*) from webhook_subscription").query(Long.class).single();
		admin.post("/api/v1/webhooks", "{\"url\":\"ftp://example.com/x\",\"eventTypes\":[\"*\"]}")
			.expectProblem(400, "invalid-field", "url");
		admin.post("/api/v1/webhooks", "{\"url\":\"https://user:pw@example.com/x\",\"eventTypes\":[\"*\"]}")
			.expectProblem(400, "invalid-field", "url");
		admin.post("/api/v1/webhooks", "{\"url\":\"https://example.com/x\",\"eventTypes\":[]}")
			.expectProblem(400, "invalid-field", "eventTypes");
		admin.post("/api/v1/webhooks", "{\"url\":\"https://example.com/x\",\"eventTypes\":[\"order.placed\"]}")
			.expectProblem(400, "invalid-field", "eventTypes");
		admin
			.post("/api/v1/webhooks",
					"{\"url\":\"https://example.com/x\",\"eventTypes\":[\"*\"],\"secret\":\"hunter2\"}")
			.expectProblem(400, "invalid-field", "secret");
		withScopes(Permission.CONVERSATIONS_READ)
			.post("/api/v1/webhooks", "{\"url\":\"https://example.com/x\",\"eventTypes\":[\"*\"]}")
			.expectProblem(403, "forbidden");
		assertThat(jdbc.sql("select count(*) from webhook_subscription").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void theBackoffDoublesUpToItsCapAndRetriesLastMoreThanADay() {
		WebhookProperties defaults = new WebhookProperties(Duration.ofSeconds(1), 50, Duration.ofSeconds(5),
				Duration.ofHours(4), Duration.ofHours(26), Duration.ofSeconds(10), Duration.ofMinutes(2));
		assertThat(defaults.backoff(1)).isEqualTo(Duration.ofSeconds(5));
		assertThat(defaults.backoff(2)).isEqualTo(Duration.ofSeconds(10));
		assertThat(defaults.backoff(3)).isEqualTo(Duration.ofSeconds(20));
		assertThat(defaults.backoff(30)).isEqualTo(Duration.ofHours(4));
		Duration waited = Duration.ZERO;
		int attempts = 1;
		while (waited.compareTo(defaults.giveUpAfter()) < 0) {
			waited = waited.plus(defaults.backoff(attempts++));
		}
		assertThat(waited).isGreaterThan(Duration.ofDays(1));
		assertThat(attempts).isBetween(15, 25);
	}

	private long pending(String subscription) {
		return jdbc.sql("select count(*) from webhook_delivery where subscription_id = :id")
			.param("id", subscription)
			.query(Long.class)
			.single();
	}

	private static boolean mentions(JsonNode message, String conversation) {
		return message.path("data").path("conversationId").asString().equals(conversation);
	}

	private String expected(String id, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			return "v1," + Base64.getEncoder()
				.encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String chat(String text) {
		String writeKey = writeKeyOf(channels.create(ChannelType.WEB, unique("Hooked"), null, Set.of()));
		String json = "{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"anon-" + UUID.randomUUID()
				+ "\",\"text\":\"" + text + "\"}";
		return anonymous()
			.send("POST", "/chat/v1/messages", java.net.http.HttpRequest.BodyPublishers.ofString(json), "Content-Type",
					"text/plain")
			.expect(200)
			.path("conversationId")
			.asString();
	}

}
