package io.omnis.bench.workload;

import io.omnis.bench.Api;
import io.omnis.bench.Bench;

/**
 * The same checkout as {@link Checkout}, as a client that has the basket in hand makes it
 * (an app restoring a saved cart, a till with the items scanned): the cart is created
 * with its three lines, then checked out paying by test card. Two requests instead of
 * five; the same pricing, stock checks, hold and order.
 */
public class CheckoutCartWithLines extends Checkout {

	@Override
	String key() {
		return "lines";
	}

	@Override
	public String name() {
		return "checkout-cart-with-lines";
	}

	@Override
	public String operation() {
		return "POST /api/v1/carts with its 3 lines, POST …/checkout paid by test card (2 requests)";
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		// Three different products (a cart names each SKU once): the first drawn as the
		// other workload draws, the second drawn among the rest, the third the first's
		// neighbour
		int first = bench.pick(n * 3, PRODUCTS);
		String lines = "{\"sku\":\"%s\",\"quantity\":1},{\"sku\":\"%s\",\"quantity\":1},{\"sku\":\"%s\",\"quantity\":1}"
			.formatted(sku(first), sku((first + 1 + bench.pick(n * 3 + 1, PRODUCTS - 2)) % PRODUCTS),
					sku((first + PRODUCTS - 1) % PRODUCTS));
		String cart = Api
			.json(bench.api()
				.post("/api/v1/carts",
						"{\"currency\":\"EUR\",\"country\":\"PT\",\"anonymousId\":\"bench-lines-%d\",\"lines\":[%s]}"
							.formatted(n, lines),
						null))
			.get("id")
			.asString();
		bench.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\":{\"method\":\"test-card\",\"cardNumber\":\"4242424242424242\"}}", "bench-lines-" + n);
	}

}
