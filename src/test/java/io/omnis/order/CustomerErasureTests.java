package io.omnis.order;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer who asks to be erased leaves no trace in any table: she shops across
 * channels, writes to support, states her consent, and after the erasure no row of the
 * database holds her name, e-mail, phone, ids or words, while her order stays in the
 * books under no name. An order still in progress refuses the erasure, and then nothing
 * is erased.
 */
class CustomerErasureTests extends OrderFixtures {

	@org.springframework.beans.factory.annotation.Autowired
	io.omnis.staff.Staff staff;

	@Test
	void anErasedCustomerLeavesNoTraceInAnyTableAndHerOrderStaysInTheBooksUnderNoName() {
		java.time.Instant started = jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
		String prices = priceList();
		String lamp = product(prices, 4990);
		Shop web = channel(ChannelType.WEB);
		Shop app = channel(ChannelType.MOBILE_APP);
		receive(lamp, store().location(), 5);
		receive(lamp, warehouse(), 5);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String browser = "web-" + suffix;
		String device = "app-" + suffix;
		String email = "erin-" + suffix + "@example.com";
		String user = "user-" + suffix;
		String phone = "+35191" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
		String surname = "Quigley" + suffix;
		String words = "my-lamp-flickers-" + suffix;

		// She browses and fills a cart on the web, logs in on the app and on the web,
		// pays
		send(web, "/v1/track", """
				{"anonymousId": "%s", "messageId": "t1-%s", "event": "Product Viewed", "properties": {"sku": "%s"}}"""
			.formatted(browser, suffix, lamp));
		String cart = anonymousCart(web, browser).path("id").asString();
		add(web, cart, lamp, 1).expect(200);
		send(app, "/v1/identify", """
				{"anonymousId": "%s", "userId": "%s", "messageId": "l1-%s",
				 "traits": {"email": "%s", "phone": "%s", "firstName": "Erin", "lastName": "%s"},
				 "context": {"consent": {"categoryPreferences": {"email_marketing": true}}}}""".formatted(device, user,
				suffix, email, phone, surname));
		send(web, "/v1/identify", """
				{"anonymousId": "%s", "messageId": "n1-%s", "traits": {"email": "%s"}}""".formatted(browser, suffix,
				email));
		// A track without an event: dropped, and kept as the source's last sample of the
		// reason
		send(web, "/v1/track", """
				{"anonymousId": "%s", "messageId": "x1-%s"}""".formatted(browser, suffix));
		Caller agent = withScopes(Permission.PROFILES_READ, Permission.PROFILES_WRITE, Permission.PROFILES_ERASE);
		// One profile: the web visitor's and the app user's, merged by her e-mail
		String profile = Poll.until(Duration.ofSeconds(30),
				() -> lookup(agent, "email:" + email).json().path("id").asString(),
				id -> id.equals(lookup(agent, "anonymous_id:" + browser).json().path("id").asString())
						&& id.equals(lookup(agent, "user_id:" + user).json().path("id").asString()));
		web.api().post("/api/v1/carts/" + cart + "/identify", "{\"userId\": \"%s\"}".formatted(user)).expect(200);
		String order = payByCard(web, cart).expect(201).path("id").asString();
		backoffice().post("/api/v1/orders/" + order + "/allocate", "").expect(200);
		backoffice().post("/api/v1/orders/" + order + "/fulfil", "").expect(200);
		backoffice().post("/api/v1/orders/" + order + "/complete", "").expect(200);
		// A second cart on the app, paid and shipped to her home: routed, not shipped yet
		String left = newCart(app, "\"userId\": \"%s\"".formatted(user)).path("id").asString();
		add(app, left, lamp, 1).expect(200);
		JsonNode shipped = checkout(app, left, "ship-" + suffix,
				"{\"method\": \"test-card\", \"cardNumber\": \"4242 4242 4242 4242\"}, \"fulfilment\": "
						+ "{\"method\": \"SHIP\", \"destination\": {\"latitude\": 38.7436, \"longitude\": -9.1602}}")
			.expect(201);
		assertThat(shipped.path("status").asString()).isEqualTo("ALLOCATED");
		String unpaid = shipped.path("id").asString();
		String another = newCart(web, "\"email\": \"%s\"".formatted(email)).path("id").asString();
		add(web, another, lamp, 1).expect(200);

		// Support's messages go to an integration that is down: they wait in the outbox
		withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE).post("/api/v1/webhooks",
				"{\"url\": \"http://127.0.0.1:9/down\", \"eventTypes\": [\"message.received\", \"conversation.prioritised\"]}")
			.expect(201);
		// She writes to support by SMS, and consent is taken on the phone
		Channels.Created sms = channels.create(ChannelType.SMS, unique("SMS"), null,
				EnumSet.of(Permission.CONVERSATIONS_WRITE));
		String conversation = bearer(secretOf(sms))
			.post("/api/v1/conversations/inbound/messages",
					"""
							{"from": {"phone": "%s", "name": "Erin %s"}, "text": "Hello, %s"}""".formatted(phone,
							surname, words))
			.expect(201)
			.path("conversationId")
			.asString();
		// An agent marks it urgent: that message names the conversation only
		withScopes(Permission.CONVERSATIONS_WRITE)
			.patch("/api/v1/conversations/" + conversation, "{\"priority\": \"URGENT\"}")
			.expect(200);
		agent.post("/api/v1/profiles/" + profile + "/consent", "{\"purpose\": \"sms_marketing\", \"granted\": false}")
			.expect(200);
		List<String> needles = List.of(email, phone, user, browser, device, surname, words);
		Poll.until(Duration.ofSeconds(30),
				() -> jdbc.sql("select count(*) from timeline_entry where profile_id = :profile")
					.param("profile", profile)
					.query(Long.class)
					.single(),
				entries -> entries > 0);
		awaitModuleEvents(started);

		// An order not shipped yet still needs her: nothing is erased
		JsonNode refused = agent.delete("/api/v1/profiles/" + profile).expect(409);
		assertThat(refused.path("detail").asString()).contains(unpaid);
		assertThat(agent.get("/api/v1/profiles/" + profile).expect(200).path("identifiers")).hasSizeGreaterThan(3);
		assertThat(tracesOf(needles)).contains("profile", "identifier", "tracked_event", "cart", "customer_order",
				"conversation_message", "collection_counter");
		assertThat(naming("event_publication", "serialized_event", profile)).isPositive();
		assertThat(naming("webhook_message", "payload", profile)).isPositive();
		// conversation.prioritised names the conversation, not her profile
		assertThat(naming("webhook_message", "payload", conversation))
			.isGreaterThan(naming("webhook_message", "payload", profile));
		assertThat(jdbc
			.sql("select count(*) from fulfilment where reference = :order and customer is not null "
					+ "and destination_lat is not null")
			.param("order", unpaid)
			.query(Long.class)
			.single()).isOne();

		// Before she goes, the copy of her data she asked for: every part of it
		Answer copy = withScopes(Permission.PROFILES_EXPORT).get("/api/v1/profiles/" + profile + "/export");
		JsonNode data = copy.expect(200);
		assertThat(copy.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + profile + ".json\"");
		assertThat(data.path("truncated").asBoolean()).isFalse();
		assertThat(data.path("profile").path("traits").path("lastName").asString()).isEqualTo(surname);
		assertThat(data.path("events").findValuesAsString("messageId")).contains("t1-" + suffix, "l1-" + suffix,
				"n1-" + suffix);
		assertThat(data.path("consentLedger").findValuesAsString("purpose")).contains("email_marketing",
				"sms_marketing");
		assertThat(data.path("activities").findValuesAsString("type")).contains("order.completed");
		assertThat(ids(data.path("sections").path("orders").path("orders"))).contains(order, unpaid);
		assertThat(ids(data.path("sections").path("orders").path("openCarts"))).contains(another);
		assertThat(data.path("sections").path("conversations").toString()).contains(words);
		assertThat(data.path("sections").path("returns").path("returns").isArray()).isTrue();
		agent.get("/api/v1/profiles/" + profile + "/export").expect(403);

		backoffice().post("/api/v1/orders/" + unpaid + "/cancel", "").expect(200);
		awaitModuleEvents(started);
		JsonNode erased = agent.delete("/api/v1/profiles/" + profile).expect(200);
		assertThat(erased.path("profileId").asString()).isEqualTo(profile);
		assertThat(erased.path("identifiers").asInt()).isGreaterThanOrEqualTo(5);
		// Three sent by the shops' analytics, one recorded for her SMS
		assertThat(erased.path("events").asInt()).isEqualTo(4);

		assertThat(tracesOf(needles)).as("tables still holding her data").isEmpty();
		// The module events about her that Spring Modulith kept, the webhook messages
		// about her not sent yet, and where she lives go too
		assertThat(naming("event_publication", "serialized_event", profile)).isZero();
		assertThat(naming("webhook_message", "payload", profile)).isZero();
		assertThat(naming("webhook_message", "payload", conversation)).isZero();
		assertThat(jdbc
			.sql("select count(*) from fulfilment where reference = :order and customer is null "
					+ "and destination_lat is null and destination_lon is null")
			.param("order", unpaid)
			.query(Long.class)
			.single()).isOne();
		agent.get("/api/v1/profiles/" + profile).expect(404);
		lookup(agent, "email:" + email).expect(404);
		JsonNode kept = backoffice().get("/api/v1/orders/" + order).expect(200);
		assertThat(kept.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(kept.path("total").path("amount").asLong()).isEqualTo(4990);
		assertThat(jdbc
			.sql("select body from conversation_message m join conversation c on c.id = m.conversation_id "
					+ "where c.profile_id = :profile and m.direction = 'IN'")
			.param("profile", profile)
			.query(String.class)
			.list()).containsExactly("[erased]");
		assertThat(jdbc.sql("select count(*) from profile_erasure where profile_id = :profile")
			.param("profile", profile)
			.query(Long.class)
			.single()).isEqualTo(1);

		// Her identifiers are suppressed (the default): her web shop's analytics keep
		// sending from her browser, and are not collected
		assertThat(erased.path("suppressed").asInt()).isEqualTo(erased.path("identifiers").asInt());
		assertThat(agent.get(suppressions("email:" + email.toUpperCase(Locale.ROOT)))
			.expect(200)
			.path("profileId")
			.asString()).isEqualTo(profile);
		withScopes(Permission.PROFILES_READ).get(suppressions("email:" + email)).expect(403);
		// Bad input gets a problem naming the parameter
		agent.get(suppressions("phone:x")).expectProblem(400, "invalid-field", "identifier");
		agent.get(suppressions("email:" + "a".repeat(300) + "@example.com"))
			.expectProblem(400, "invalid-field", "identifier");
		// A request line over Tomcat's 8 KB is refused before Omnis, as a problem too
		agent.get(suppressions("email:" + "a".repeat(10_000) + "@example.com")).expectProblem(400, "malformed-request");
		agent.get("/api/v1/profiles/suppressions").expectProblem(400, "invalid-parameter", "identifier");
		agent.delete(suppressions("no-colon")).expectProblem(400, "invalid-field", "identifier");
		agent.delete("/api/v1/profiles/" + profile + "?suppress=maybe")
			.expectProblem(400, "invalid-parameter", "suppress");
		send(web, "/v1/track", """
				{"anonymousId": "%s", "messageId": "t2-%s", "event": "Product Viewed"}""".formatted(browser, suffix));
		Poll.until(Duration.ofSeconds(30),
				() -> jdbc
					.sql("select coalesce(sum(count), 0) from collection_counter "
							+ "where channel_id = :web and outcome = 'suppressed'")
					.param("web", web.id())
					.query(Long.class)
					.single(),
				dropped -> dropped == 1);
		assertThat(tracesOf(List.of(browser))).isEmpty();
		lookup(agent, "anonymous_id:" + browser).expect(404);
		// She writes to support by SMS again: that is coming back, the thread needs her,
		// so the identifiers she writes from are collected again, as a new profile
		bearer(secretOf(sms))
			.post("/api/v1/conversations/inbound/messages",
					"{\"from\": {\"phone\": \"%s\"}, \"text\": \"Me again\"}".formatted(phone))
			.expect(201);
		assertThat(lookup(agent, "phone:" + phone).expect(200).path("id").asString()).isNotEqualTo(profile);
		agent.get(suppressions("phone:" + phone)).expect(404);
		agent.get(suppressions("email:" + email)).expect(200);
		// Lifted through the API when she agrees to be known again
		agent.delete(suppressions("email:" + email)).expect(204);
		agent.delete(suppressions("email:" + email)).expect(404);
		agent.get(suppressions("email:" + email)).expect(404);
	}

	@Test
	void storeCreditOwedToHerRefusesTheErasureAndNothingIsErased() {
		String user = "credit-" + UUID.randomUUID().toString().substring(0, 8);
		Caller agent = withScopes(Permission.PROFILES_READ, Permission.PROFILES_ERASE);
		String profile = identified(user, "Cora");
		// The balance a return resolved with store credit leaves
		jdbc.sql("insert into store_credit (profile_id, currency, balance, updated_at) values (:p, 'EUR', 1250, now())")
			.param("p", profile)
			.update();

		JsonNode refused = agent.delete("/api/v1/profiles/" + profile).expect(409);
		assertThat(refused.path("detail").asString()).contains("store credit", "EUR 1250");
		assertThat(lookup(agent, "user_id:" + user).expect(200).path("id").asString()).isEqualTo(profile);
		assertThat(jdbc.sql("select count(*) from tracked_event where user_id = :u")
			.param("u", user)
			.query(Long.class)
			.single()).isOne();
		assertThat(jdbc.sql("select count(*) from profile_erasure where profile_id = :p")
			.param("p", profile)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theConsoleErasesACustomerOnlyOnceHerProfileIdIsTyped() {
		String user = "console-" + UUID.randomUUID().toString().substring(0, 8);
		Caller reader = withScopes(Permission.PROFILES_READ);
		String profile = identified(user, "Edna");
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(admin.get("/console/customers/" + profile).text());
		assertThat(page.select("#erase form").attr("action")).isEqualTo("/console/customers/" + profile + "/erase");
		// Her copy downloads with the console's session
		String download = page.select("a#export").attr("href");
		assertThat(download).isEqualTo("/api/v1/profiles/" + profile + "/export");
		assertThat(admin.get(download).expect(200).path("profile").path("traits").path("firstName").asString())
			.isEqualTo("Edna");

		Answer mistyped = form(admin, "/console/customers/" + profile + "/erase", "confirm=cus_other");
		assertThat(mistyped.status()).isEqualTo(302);
		assertThat(lookup(reader, "user_id:" + user).status()).isEqualTo(200);
		String refused = admin.get(mistyped.header("Location")).text();
		assertThat(org.jsoup.Jsoup.parse(refused).select("#erase-error").text())
			.contains("must be the customer's profile id");

		// The form's checkbox, checked, suppresses her identifiers too
		assertThat(page.select("#erase input[name=suppress]").hasAttr("checked")).isTrue();
		Answer erased = form(admin, "/console/customers/" + profile + "/erase",
				"confirm=" + profile + "&suppress=true");
		assertThat(erased.status()).isEqualTo(302);
		assertThat(erased.header("Location")).endsWith("/console/customers?erased=" + profile + "&suppressed");
		assertThat(org.jsoup.Jsoup.parse(admin.get(erased.header("Location")).text()).select("#erased").text())
			.contains(profile, "dropped from now on");
		assertThat(lookup(reader, "user_id:" + user).status()).isEqualTo(404);

		// Searching her user id tells who may lift it that it is suppressed, and lifts it
		org.jsoup.nodes.Document search = org.jsoup.Jsoup
			.parse(admin.get("/console/customers?q=user_id:" + user).text());
		assertThat(search.select("#suppression").text()).contains("user_id", profile, "admin");
		String agentName = "ag-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(agentName, "Agent", io.omnis.kernel.security.Role.AGENT, "agent-password-" + agentName);
		Caller agent = console(signIn(agentName, "agent-password-" + agentName));
		assertThat(
				org.jsoup.Jsoup.parse(agent.get("/console/customers?q=user_id:" + user).text()).select("#suppression"))
			.isEmpty();
		assertThat(form(agent, "/console/customers/suppressions/lift", "identifier=user_id:" + user).status())
			.isEqualTo(403);
		Answer lifted = form(admin, "/console/customers/suppressions/lift", "identifier=user_id:" + user);
		assertThat(lifted.status()).isEqualTo(302);
		assertThat(org.jsoup.Jsoup.parse(admin.get(lifted.header("Location")).text()).select("#lifted").text())
			.contains("user_id");
		withScopes(Permission.PROFILES_ERASE).get(suppressions("user_id:" + user)).expect(404);
		assertThat(
				org.jsoup.Jsoup.parse(admin.get("/console/customers?q=user_id:" + user).text()).select("#suppression"))
			.isEmpty();
	}

	/** The ids of the objects of an array. */
	private static List<String> ids(JsonNode array) {
		List<String> ids = new ArrayList<>();
		array.forEach(item -> ids.add(item.path("id").asString()));
		return ids;
	}

	/** The profile of a customer the web shop identified. */
	private String identified(String user, String firstName) {
		send(channel(ChannelType.WEB), "/v1/identify", """
				{"userId": "%s", "messageId": "i-%s", "traits": {"firstName": "%s"}}""".formatted(user, user,
				firstName));
		Caller reader = withScopes(Permission.PROFILES_READ);
		return Poll
			.until(Duration.ofSeconds(30), () -> lookup(reader, "user_id:" + user), answer -> answer.status() == 200)
			.json()
			.path("id")
			.asString();
	}

	private static Answer form(Caller console, String path, String body) {
		return console.send("POST", path, BodyPublishers.ofString(body), "Content-Type",
				"application/x-www-form-urlencoded");
	}

	/**
	 * Her app keeps sending while she is erased without suppression: what was accepted
	 * before the erasure goes with her, what came after starts a new profile, and nothing
	 * is left pointing at a profile that no longer exists.
	 */
	@Test
	void messagesArrivingWhileSheIsErasedNeverAttachToTheErasedProfile() throws Exception {
		String user = "racing-" + UUID.randomUUID().toString().substring(0, 8);
		String profile = identified(user, "Rae");
		Shop app = channel(ChannelType.MOBILE_APP);
		java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
		Thread sender = Thread.ofVirtual().start(() -> {
			for (int batch = 0; batch < 40; batch++) {
				StringBuilder messages = new StringBuilder("{\"batch\": [");
				for (int i = 0; i < 5; i++) {
					messages.append(i == 0 ? "" : ",")
						.append("{\"type\": \"track\", \"event\": \"Tapped\", \"userId\": \"%s\", \"anonymousId\": \"dev-%s\", \"messageId\": \"%d-%d\"}"
							.formatted(user, user, batch, i));
				}
				send(app, "/v1/batch", messages.append("]}").toString());
				sent.addAndGet(5);
			}
		});
		Poll.until(Duration.ofSeconds(30), sent::get, count -> count >= 50);
		JsonNode erased = withScopes(Permission.PROFILES_ERASE)
			.delete("/api/v1/profiles/" + profile + "?suppress=false")
			.expect(200);
		sender.join(Duration.ofSeconds(60));
		assertThat(sent.get()).isEqualTo(200);
		Poll.until(Duration.ofSeconds(30),
				() -> jdbc.sql("select count(*) from event_resolution_queue").query(Long.class).single(),
				waiting -> waiting == 0);

		List<String> gone = new ArrayList<>();
		erased.path("profileIds").forEach(id -> gone.add(id.asString()));
		String[] ids = gone.toArray(String[]::new);
		assertThat(jdbc.sql("select count(*) from profile where id = any(:ids::text[])")
			.param("ids", ids)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from identifier where profile_id = any(:ids::text[])")
			.param("ids", ids)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from event_profile where profile_id = any(:ids::text[])")
			.param("ids", ids)
			.query(Long.class)
			.single()).isZero();
		// Every message of hers still stored went to a profile that exists: a new one
		assertThat(jdbc.sql("""
				select count(*) from tracked_event e left join event_profile ep on ep.seq = e.seq
				  left join profile p on p.id = ep.profile_id
				 where e.user_id = :user and p.id is null""").param("user", user).query(Long.class).single()).isZero();
		long kept = jdbc.sql("select count(*) from tracked_event where user_id = :user")
			.param("user", user)
			.query(Long.class)
			.single();
		// The identify and the 50 or more sent before the erasure went with her
		assertThat(erased.path("events").asInt()).isGreaterThanOrEqualTo(51);
		assertThat(kept + erased.path("events").asInt()).isEqualTo(201);
	}

	@Test
	void onlyAKeyOrUserAllowedToEraseMayAndAnUnknownProfileIsNotFound() {
		Caller reader = withScopes(Permission.PROFILES_READ, Permission.PROFILES_WRITE, Permission.PROFILES_MERGE);
		reader.delete("/api/v1/profiles/cus_unknown").expect(403);
		withScopes(Permission.PROFILES_ERASE).delete("/api/v1/profiles/cus_unknown").expect(404);
	}

	private static String suppressions(String identifier) {
		return "/api/v1/profiles/suppressions?identifier="
				+ java.net.URLEncoder.encode(identifier, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static Answer lookup(Caller caller, String identifier) {
		return caller.get("/api/v1/profiles/lookup?identifier="
				+ java.net.URLEncoder.encode(identifier, java.nio.charset.StandardCharsets.UTF_8));
	}

	/** The tables with a row whose text holds one of the needles (case ignored). */
	private List<String> tracesOf(List<String> needles) {
		String[] lower = needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
		List<String> found = new ArrayList<>();
		for (String table : jdbc.sql("""
				select table_name from information_schema.tables
				 where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name""")
			.query(String.class)
			.list()) {
			boolean holds = jdbc.sql("select exists (select 1 from \"" + table
					+ "\" t where exists (select 1 from unnest(:needles::text[]) n where strpos(lower(t::text), n) > 0))")
				.param("needles", lower)
				.query(Boolean.class)
				.single();
			if (holds) {
				found.add(table);
			}
		}
		return found;
	}

	/** How many rows of the table hold the text in the column. */
	private long naming(String table, String column, String text) {
		return jdbc.sql("select count(*) from " + table + " where strpos(" + column + ", :text) > 0")
			.param("text", text)
			.query(Long.class)
			.single();
	}

	/**
	 * Waits until the module events this test published are handled (a listener that
	 * failed in an earlier test leaves its publication incomplete for good).
	 */
	private void awaitModuleEvents(java.time.Instant since) {
		Poll.until(Duration.ofSeconds(30), () -> jdbc
			.sql("select count(*) from event_publication where completion_date is null and publication_date >= :since")
			.param("since", java.sql.Timestamp.from(since))
			.query(Long.class)
			.single(), waiting -> waiting == 0);
	}

	/** What the channel's analytics library sends from her browser or phone. */
	private void send(Shop shop, String path, String message) {
		anonymous()
			.send("POST", path, BodyPublishers.ofString(message), "Authorization", basic(shop.writeKey()),
					"Content-Type", "application/json")
			.expect(200);
	}

}
