package io.omnis.order;

import java.net.http.HttpRequest.BodyPublishers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Answer;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkout holds its stock last, right before its commit (ADR 0023): the order, its
 * events and the stored answer are written first, and a hold refused at the commit rolls
 * all of them back.
 */
class HoldAtCommitTests extends OrderFixtures {

	@Autowired
	DataSource dataSource;

	@Test
	void unitsTakenWhileTheCheckoutRunsRefuseItAtTheCommitAndNothingIsKept() throws Exception {
		String lamp = product(priceList(), 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 2);
		Shop web = channel(ChannelType.WEB);
		String profile = profileOf(web);
		String cart = newCart(web, "\"profileId\": \"" + profile + "\"").path("id").asString();
		add(web, cart, lamp, 2).expect(200);
		long publishedBefore = publicationsOf(profile);
		String key = UUID.randomUUID().toString();

		// Another buyer takes one of the two units and has not committed yet: the
		// checkout
		// plans its hold on the two it can see, and its hold waits for that row
		try (Connection other = dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (PreparedStatement take = other
				.prepareStatement("update stock set reserved = reserved + 1 where sku = ? and location_id = ?")) {
				take.setString(1, lamp);
				take.setString(2, warehouse);
				assertThat(take.executeUpdate()).isEqualTo(1);
			}
			int taker;
			try (PreparedStatement self = other.prepareStatement("select pg_backend_pid()");
					java.sql.ResultSet pid = self.executeQuery()) {
				pid.next();
				taker = pid.getInt(1);
			}
			CompletableFuture<Answer> refused = CompletableFuture.supplyAsync(() -> checkout(web, cart, key, card()));
			int waiting = Poll.until(Duration.ofSeconds(30), () -> backendWaitingFor(taker), pid -> pid != 0);
			// By then the order was written: the stock row is the last thing it locks
			assertThat(jdbc.sql("""
					select count(*) from pg_locks l join pg_class c on c.oid = l.relation
					 where l.pid = ? and l.granted and c.relname = 'customer_order' and l.mode = 'RowExclusiveLock'""")
				.param(waiting)
				.query(Integer.class)
				.single()).isEqualTo(1);
			other.commit();

			refused.get(30, TimeUnit.SECONDS).expectProblem(409, "insufficient-stock", "lines[0].quantity");
		}
		assertThat(jdbc.sql("select count(*) from customer_order where cart_id = ?")
			.param(cart)
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from reservation_line where sku = ?")
			.param(lamp)
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from stock_movement where sku = ? and type = 'RESERVE'")
			.param(lamp)
			.query(Integer.class)
			.single()).isZero();
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isEqualTo(1);
		assertThat(web.api().get("/api/v1/carts/" + cart).expect(200).path("status").asString()).isEqualTo("OPEN");
		assertThat(publicationsOf(profile)).isEqualTo(publishedBefore);

		// The other buyer lets the unit go: the same key places the order (the refused
		// attempt kept no claim), its event published
		jdbc.sql("update stock set reserved = reserved - 1 where sku = ? and location_id = ?")
			.param(lamp)
			.param(warehouse)
			.update();
		Answer placed = checkout(web, cart, key, card());
		JsonNode order = placed.expect(201);
		assertThat(placed.header("Idempotent-Replayed")).isNull();
		assertThat(order.path("status").asString()).isEqualTo("PAID");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isEqualTo(2);
		assertThat(jdbc
			.sql("select count(*) from reservation r join reservation_line l on l.reservation_id = r.id"
					+ " where r.id = ? and r.reference = ? and l.sku = ? and l.quantity = 2")
			.param(order.path("reservationId").asString())
			.param(order.path("id").asString())
			.param(lamp)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(publicationsOf(profile)).isGreaterThan(publishedBefore);
		// A retry replays the order
		Answer replay = checkout(web, cart, key, card());
		assertThat(replay.expect(201).path("id").asString()).isEqualTo(order.path("id").asString());
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
	}

	/** The process id of a backend waiting for a lock the given one holds, or 0. */
	private int backendWaitingFor(int holder) {
		return jdbc.sql("""
				select coalesce(max(pid), 0) from pg_stat_activity
				 where wait_event_type = 'Lock' and ? = any(pg_blocking_pids(pid))""")
			.param(holder)
			.query(Integer.class)
			.single();
	}

	/** Event publications naming the customer (her timeline's activities). */
	private long publicationsOf(String profile) {
		return jdbc.sql("select count(*) from event_publication where serialized_event like ?")
			.param("%" + profile + "%")
			.query(Long.class)
			.single();
	}

	/** A profile made by identity resolution from an identify call of the channel. */
	private String profileOf(Shop web) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "hold-" + suffix + "@example.com";
		anonymous()
			.send("POST", "/v1/batch", BodyPublishers.ofString("""
					{"batch": [{"type": "identify", "anonymousId": "anon-%s", "userId": "u-%s", "messageId": "h-%s",
					 "traits": {"email": "%s"}}]}""".formatted(suffix, suffix, suffix, email)), "Authorization",
					basic(web.writeKey()), "Content-Type", "application/json")
			.expect(200);
		return Poll
			.until(Duration.ofSeconds(30), () -> backoffice().get("/api/v1/profiles/lookup?identifier=email:" + email),
					answer -> answer.status() == 200)
			.json()
			.path("id")
			.asString();
	}

	private static String card() {
		return "{\"method\": \"test-card\", \"cardNumber\": \"4242424242424242\"}";
	}

}
