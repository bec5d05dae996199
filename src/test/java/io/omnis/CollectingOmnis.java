package io.omnis;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.IssuedKey;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Omnis running on a random port over its own embedded PostgreSQL, with the background
 * identity resolution on, shared by every collection and identity test class (Spring
 * starts it once). Each test makes its own sources and ids, so tests never see each
 * other's customers.
 * <p>
 * The caps are set low here so that tests can reach them with a handful of messages: 3
 * merges and 12 identifiers per profile, and a {@code visit_code} type limited to one per
 * 2 seconds to exercise a limit with a window.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "omnis.database.embedded.data-dir=target/test-pg/identity-${random.uuid}",
				"omnis.admin.password=" + CollectingOmnis.ADMIN_PASSWORD, "omnis.identity.max-merges=3",
				"omnis.identity.max-identifiers=12", "omnis.identity.blocked-values=" + CollectingOmnis.TEST_VALUE,
				"omnis.identity.types.visit_code.limit=1", "omnis.identity.types.visit_code.window=2s",
				"omnis.identity.types.visit_code.priority=60", "logging.level.io.zonky.test=WARN" })
public abstract class CollectingOmnis {

	public static final String ADMIN_PASSWORD = "test-admin-password";

	/** A value an operator configured as never an identifier (a QA account). */
	public static final String TEST_VALUE = "qa-shared-test-account";

	protected static final Duration RESOLUTION = Duration.ofSeconds(10);

	private static final AtomicLong SEQUENCE = new AtomicLong();

	@LocalServerPort
	protected int port;

	@Autowired
	protected Channels channels;

	@Autowired
	protected JdbcClient jdbc;

	/** A source (channel) with its write key and a secret key for the profile API. */
	public record Source(String channelId, String writeKey, String secretKey) {

		public String basic() {
			return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
		}

	}

	/** A value no other test uses. */
	protected static String unique(String prefix) {
		return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
	}

	protected Source source(ChannelType type, String name) {
		Channels.Created created = channels.create(type, unique(name), null, Set.of(Permission.PROFILES_READ,
				Permission.PROFILES_WRITE, Permission.PROFILES_MERGE, Permission.CHANNELS_READ));
		return new Source(created.channel().id().value(), key(created, KeyKind.WRITE), key(created, KeyKind.SECRET));
	}

	protected Source source(String name) {
		return source(ChannelType.WEB, name);
	}

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	/** A message of the Segment spec with a fresh messageId. */
	protected static ObjectNode message(String type, String userId, String anonymousId) {
		ObjectNode message = Http.JSON.createObjectNode();
		message.put("type", type);
		message.put("messageId", unique("msg"));
		if (userId != null) {
			message.put("userId", userId);
		}
		if (anonymousId != null) {
			message.put("anonymousId", anonymousId);
		}
		return message;
	}

	protected static ObjectNode identify(String userId, String anonymousId) {
		return message("identify", userId, anonymousId);
	}

	protected static ObjectNode track(String event, String userId, String anonymousId) {
		return message("track", userId, anonymousId).put("event", event);
	}

	protected static ObjectNode at(ObjectNode message, Instant timestamp) {
		return message.put("timestamp", timestamp.toString());
	}

	/** Posts a body to a collection route with the source's write key as Basic user. */
	protected Http.Reply collect(Source source, String path, String body) {
		return Http.post(uri(path), body, "Content-Type", "application/json", "Authorization", source.basic());
	}

	/** Sends messages in one {@code /v1/batch} request and expects them all accepted. */
	protected Http.Reply send(Source source, ObjectNode... messages) {
		ObjectNode body = Http.JSON.createObjectNode();
		for (ObjectNode message : messages) {
			body.withArray("batch").add(message);
		}
		Http.Reply reply = collect(source, "/v1/batch", body.toString());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply;
	}

	/** Sends messages and waits until identity resolution has taken all of them. */
	protected void sendResolved(Source source, ObjectNode... messages) {
		send(source, messages);
		awaitResolved(source);
	}

	/** Waits until every event collected from the source has been resolved. */
	protected void awaitResolved(Source source) {
		Poll.until(RESOLUTION, () -> jdbc.sql("""
				select count(*) from tracked_event e join event_resolution_queue q on q.seq = e.seq
				 where e.channel_id = :channel""").param("channel", source.channelId()).query(Long.class).single(),
				waiting -> waiting == 0);
	}

	/** Calls the profile API with the source's secret key. */
	protected Http.Reply api(Source caller, String method, String path, String body) {
		return Http.send(method, uri(path), body == null ? null : body.getBytes(StandardCharsets.UTF_8),
				"Authorization", "Bearer " + caller.secretKey(), "Content-Type", "application/json");
	}

	/** Reads from the profile API, expecting a 200. */
	protected JsonNode read(Source caller, String path) {
		Http.Reply reply = api(caller, "GET", path, null);
		assertThat(reply.status()).as("GET " + path + ": " + reply).isEqualTo(200);
		return reply.json();
	}

	/** The profile holding an identifier ({@code type:value}), or a 404 reply. */
	protected Http.Reply lookup(Source caller, String identifier) {
		return api(caller, "GET",
				"/api/v1/profiles/lookup?identifier=" + URLEncoder.encode(identifier, StandardCharsets.UTF_8), null);
	}

	protected JsonNode profileHolding(Source caller, String identifier) {
		Http.Reply reply = lookup(caller, identifier);
		assertThat(reply.status()).as("lookup " + identifier + ": " + reply).isEqualTo(200);
		return reply.json();
	}

	/** Waits until the profile holding an identifier satisfies a condition. */
	protected JsonNode profileHolding(Source caller, String identifier, Predicate<JsonNode> condition) {
		return Poll.until(RESOLUTION, () -> profileHolding(caller, identifier), condition);
	}

	/** The identifiers of a profile as {@code type:value}. */
	protected static Set<String> identifiers(JsonNode profile) {
		Set<String> identifiers = new java.util.TreeSet<>();
		profile.path("identifiers")
			.forEach(i -> identifiers.add(i.get("type").stringValue() + ":" + i.get("value").stringValue()));
		return identifiers;
	}

	private static String key(Channels.Created created, KeyKind kind) {
		return created.keys()
			.stream()
			.filter(issued -> issued.key().kind() == kind)
			.map(IssuedKey::secret)
			.findFirst()
			.orElseThrow();
	}

}
