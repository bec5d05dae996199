package io.omnis.order;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of buyers checking out the last units of a SKU at once (saleor#543,
 * vendure#3508): exactly the units there are are sold, nothing goes negative, and every
 * loser is told why.
 */
class LastUnitsTests extends OrderFixtures {

	private static final int BUYERS = 240;

	private static final int IN_FLIGHT = 48;

	@Test
	void hundredsOfBuyersRacingForTheLastUnitsBuyExactlyWhatThereIs() throws Exception {
		String prices = priceList();
		String lamp = product(prices, 1990);
		String north = warehouse();
		String south = warehouse();
		receive(lamp, north, 15);
		receive(lamp, south, 10);
		List<Shop> shops = List.of(channel(ChannelType.WEB), channel(ChannelType.MOBILE_APP));
		List<String> carts = new ArrayList<>();
		for (int i = 0; i < BUYERS; i++) {
			Shop shop = shops.get(i % 2);
			String cart = anonymousCart(shop, anonymousId()).path("id").asString();
			add(shop, cart, lamp, 1).expect(200);
			carts.add(cart);
		}

		Semaphore bound = new Semaphore(IN_FLIGHT);
		List<Answer> answers = CheckoutTests.race(BUYERS, i -> {
			bound.acquireUninterruptibly();
			try {
				return payByCard(shops.get(i % 2), carts.get(i));
			}
			finally {
				bound.release();
			}
		});

		int sold = 0;
		for (Answer answer : answers) {
			if (answer.status() == 201) {
				sold++;
				assertThat(answer.json().path("status").asString()).isEqualTo("PAID");
			}
			else {
				JsonNode problem = answer.expectProblem(409, "insufficient-stock", "lines[0].quantity");
				assertThat(problem.path("detail").asString()).contains(lamp);
			}
		}
		assertThat(sold).isEqualTo(25);
		for (String location : List.of(north, south)) {
			JsonNode stock = stock(lamp, location);
			assertThat(stock.path("reserved").asInt()).isEqualTo(stock.path("onHand").asInt());
			assertThat(stock.path("available").asInt()).isZero();
		}
		assertThat(jdbc.sql("""
				select coalesce(sum(l.quantity), 0) from order_line l join customer_order o on o.id = l.order_id
				 where l.sku = ? and o.status = 'PAID'""").param(lamp).query(Integer.class).single()).isEqualTo(25);
		assertThat(jdbc.sql("select count(*) from stock where sku = ? and (reserved < 0 or on_hand < 0)")
			.param(lamp)
			.query(Integer.class)
			.single()).isZero();
		// A loser's cart is still open and can be checked out once stock comes back
		String loser = carts
			.get(answers.indexOf(answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow()));
		receive(lamp, north, 1);
		Shop shop = shops.get(carts.indexOf(loser) % 2);
		assertThat(checkout(shop, loser, UUID.randomUUID().toString(),
				"{\"method\": \"test-card\", \"cardNumber\": \"4242424242424242\"}")
			.expect(201)
			.path("status")
			.asString()).isEqualTo("PAID");
	}

}
