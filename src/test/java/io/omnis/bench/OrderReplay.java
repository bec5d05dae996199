package io.omnis.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays the real purchases through the order API once their events are in: the grocery
 * chain's stores as STORE channels each tied to a store location, the SKUs seen as
 * catalog products priced in one import per currency, enough stock received that no sale
 * is refused for lack of it, then the store baskets as till sales (the household's
 * loyalty card as the customer) and the online invoices as web orders (cart, lines,
 * checkout paid by test card, the customer number as her user id). At most {@code limit}
 * baskets and {@code limit} invoices, first in the files' order, sent by
 * {@link #CONCURRENCY} senders, every request with the client's timeout.
 */
final class OrderReplay {

	static final int DEFAULT_LIMIT = 5_000;

	static final int CONCURRENCY = 8;

	/** As the order module takes them: lines per sale or cart, units per line. */
	private static final int MAX_LINES = 100;

	private static final int MAX_QUANTITY = 1000;

	private static final int MAX_MOVEMENTS = 500;

	private static final String PAID_CARD = "4242424242424242";

	/** A channel created for the replay and the keys it came with. */
	record Channel(String id, String writeKey, String secretKey) {
	}

	private OrderReplay() {
	}

	/**
	 * @param stores the STORE channel of every grocery store id, already created
	 * @param web the web shop's channel, already created
	 */
	static void run(Bench bench, Path folder, int limit, Map<String, Channel> stores, Channel web, PrintStream out)
			throws Exception {
		Baskets baskets = Baskets.read(folder.resolve(Replay.TRANSACTIONS), limit);
		Invoices invoices = Invoices.read(folder.resolve(Replay.ONLINE_RETAIL), limit);
		long setUp = System.nanoTime();
		Map<String, String> locations = stores(bench, stores, baskets);
		catalog(bench, "Complete Journey prices", "USD", "US", "0", false, baskets.prices, baskets.titles);
		catalog(bench, "UCI online shop prices", "GBP", "GB", "0.2", true, invoices.prices, invoices.titles);
		String warehouse = Api.json(bench.api().post("/api/v1/locations", """
				{"name":"UCI online shop warehouse","type":"WAREHOUSE","address":{"line1":"Unit 1","city":"London",\
				"country":"GB"},"timeZone":"Europe/London"}""", null)).get("id").asString();
		List<String> movements = new ArrayList<>();
		baskets.stock.forEach((storeAndSku, units) -> {
			int tab = storeAndSku.indexOf('\t');
			movements.add(receipt(storeAndSku.substring(tab + 1), locations.get(storeAndSku.substring(0, tab)), units));
		});
		invoices.stock.forEach((sku, units) -> movements.add(receipt(sku, warehouse, units)));
		int batches = receive(bench, movements);
		out.printf(Locale.ROOT,
				"replay: set up in %.1f s: %,d store locations tied to their STORE channels, %,d grocery and %,d online "
						+ "products imported with prices, %,d stock receipts in %,d batches%n",
				(System.nanoTime() - setUp) / 1e9, locations.size(), baskets.prices.size(), invoices.prices.size(),
				movements.size(), batches);

		// (1) store baskets as till sales, from the store's own channel
		Sent tills = send(baskets.sales, sale -> {
			Channel store = stores.get(sale.source());
			bench.api().post("/api/v1/till-sales", sale.body(), "replay-" + sale.id(), store.secretKey());
		});
		out.printf(Locale.ROOT,
				"replay: %,d till sales with their loyalty card (the first %,d of %,d store baskets) in %.1f s: "
						+ "%.1f till sales/s; %,d errors%s%n",
				baskets.sales.size(), baskets.sales.size() + baskets.empty, baskets.total, tills.seconds(),
				tills.rate(), tills.errors(), tills.first());
		if (!baskets.sales.isEmpty()) {
			out.println("    " + history(bench, "loyalty_card:" + baskets.sales.get(0).customer()));
		}
		out.printf(
				"    skipped lines (no units or no price): %,d; lines capped at %,d units: %,d; baskets with no line "
						+ "left: %,d%n",
				baskets.skippedLines, MAX_QUANTITY, baskets.capped, baskets.empty);

		// (2) online invoices as web orders: cart, lines, checkout by test card
		Map<String, String> orderOf = new java.util.concurrent.ConcurrentHashMap<>();
		Sent orders = send(invoices.sales, sale -> {
			String cart = Api
				.json(bench.api().post("/api/v1/carts", sale.body(), "replay-cart-" + sale.id(), web.secretKey()))
				.get("id")
				.asString();
			for (String line : sale.lines()) {
				bench.api().post("/api/v1/carts/" + cart + "/lines", line, null, web.secretKey());
			}
			String order = Api
				.json(bench.api()
					.post("/api/v1/carts/" + cart + "/checkout", """
							{"payment":{"method":"test-card","cardNumber":"%s"}}""".formatted(PAID_CARD),
							"replay-" + sale.id(), web.secretKey()))
				.get("id")
				.asString();
			orderOf.put(sale.id(), order);
		});
		out.printf(Locale.ROOT,
				"replay: %,d web orders (the first %,d of %,d online invoices that are sales; cart, %,d lines in all, "
						+ "checkout by test card) in %.1f s: %.1f web orders/s; %,d errors%s%n",
				invoices.sales.size(), invoices.sales.size() + invoices.empty, invoices.totalSales,
				invoices.sales.stream().mapToInt(s -> s.lines().size()).sum(), orders.seconds(), orders.rate(),
				orders.errors(), orders.first());
		invoices.sales.stream()
			.filter(sale -> !sale.customer().isEmpty())
			.findFirst()
			.ifPresent(sale -> out.println("    " + history(bench, "user_id:" + sale.customer())));
		out.printf(
				"    skipped lines (no units or no price): %,d; lines capped at %,d units: %,d; lines past %d: %,d; "
						+ "invoices with no line left: %,d; guests (anonymous carts): %,d%n",
				invoices.skippedLines, MAX_QUANTITY, invoices.capped, MAX_LINES, invoices.truncated, invoices.empty,
				invoices.guests);
		returns(bench, invoices, orderOf, warehouse, web, limit, out);
	}

	/**
	 * (3) The cancellations as returns of the replayed web orders: each cancelled line is
	 * matched to the earliest replayed order of the same customer that still has units of
	 * its SKU to return; that order is handed over (allocated, fulfilled), then the
	 * return is started from the web shop (reason CANCELLED, refund to the card) and
	 * received at the warehouse, restocked.
	 */
	private static void returns(Bench bench, Invoices invoices, Map<String, String> orderOf, String warehouse,
			Channel web, int limit, PrintStream out) throws Exception {
		Map<String, Map<String, Integer>> left = new LinkedHashMap<>();
		invoices.bought.forEach((invoice, units) -> {
			if (orderOf.containsKey(invoice)) {
				left.put(invoice, new LinkedHashMap<>(units));
			}
		});
		List<Sale> returns = new ArrayList<>();
		long unmatched = 0;
		long matchedCancellations = 0;
		for (Cancellation cancellation : invoices.cancelled) {
			Map<String, Map<String, Integer>> perOrder = new LinkedHashMap<>();
			for (Map.Entry<String, Integer> line : cancellation.units().entrySet()) {
				int wanted = line.getValue();
				for (String invoice : invoices.invoicesOf.getOrDefault(cancellation.customer(), List.of())) {
					Map<String, Integer> units = left.get(invoice);
					if (wanted == 0 || units == null || units.getOrDefault(line.getKey(), 0) == 0) {
						continue;
					}
					int taken = Math.min(wanted, units.get(line.getKey()));
					units.merge(line.getKey(), -taken, Integer::sum);
					perOrder.computeIfAbsent(invoice, i -> new LinkedHashMap<>())
						.merge(line.getKey(), taken, Integer::sum);
					wanted -= taken;
				}
				unmatched += wanted;
			}
			if (!perOrder.isEmpty()) {
				matchedCancellations++;
			}
			perOrder.forEach((invoice, units) -> {
				List<String> lines = new ArrayList<>();
				units.forEach((sku, quantity) -> lines.add("""
						{"sku":"%s","quantity":%d,"reason":"CANCELLED","note":"UCI %s"}""".formatted(sku, quantity,
						cancellation.invoice())));
				returns.add(new Sale(invoice, cancellation.invoice(), "", """
						{"resolution":"REFUND","lines":[%s]}""".formatted(String.join(",", lines)), List.of()));
			});
			if (returns.size() >= limit) {
				break;
			}
		}
		List<Sale> handedOver = returns.stream()
			.map(Sale::source)
			.distinct()
			.map(invoice -> new Sale(invoice, invoice, "", "", List.of()))
			.toList();
		Sent handOver = send(handedOver, sale -> {
			String order = orderOf.get(sale.id());
			bench.api().post("/api/v1/orders/" + order + "/allocate", "", null);
			bench.api().post("/api/v1/orders/" + order + "/fulfil", "", null);
		});
		Sent sent = send(returns, sale -> {
			String started = Api
				.json(bench.api()
					.post("/api/v1/orders/" + orderOf.get(sale.source()) + "/returns", sale.body(),
							"replay-" + sale.id() + "-" + sale.source(), web.secretKey()))
				.get("id")
				.asString();
			bench.api().post("/api/v1/returns/" + started + "/receive", """
					{"locationId":"%s","disposition":"RESTOCK"}""".formatted(warehouse), null);
		});
		out.printf(Locale.ROOT,
				"replay: %,d cancellations (invoices starting with C), %,d of them of replayed orders: %,d returns "
						+ "(started from the web shop, received and restocked at the warehouse, refunded to the card) "
						+ "in %.1f s: %.1f returns/s; %,d errors%s; %,d orders handed over first (%,d errors%s); "
						+ "%,d cancelled units matched no replayed order%n",
				invoices.cancellations, matchedCancellations, returns.size(), sent.seconds(), sent.rate(),
				sent.errors(), sent.first(), handedOver.size(), handOver.errors(), handOver.first(), unmatched);
	}

	/** How many orders the customer's history holds, read back through the API. */
	private static String history(Bench bench, String customer) {
		try {
			int orders = Api
				.json(bench.api()
					.get("/api/v1/orders?limit=200&customer="
							+ java.net.URLEncoder.encode(customer, StandardCharsets.UTF_8)))
				.get("data")
				.size();
			return "read back: the order history of " + customer + " holds " + orders + " order(s)";
		}
		catch (Exception ex) {
			return "could not read back the order history of " + customer + ": " + ex.getMessage();
		}
	}

	private static Map<String, String> stores(Bench bench, Map<String, Channel> stores, Baskets baskets)
			throws Exception {
		Map<String, String> locations = new LinkedHashMap<>();
		for (String store : baskets.stores()) {
			Channel channel = stores.get(store);
			locations.put(
					store, Api
						.json(bench.api()
							.post("/api/v1/locations",
									"""
											{"name":"Complete Journey store %s","type":"STORE","address":{"line1":"Store %s","city":"Chicago",\
											"country":"US"},"timeZone":"America/Chicago","channelId":"%s"}"""
										.formatted(store, store, channel.id()),
									null))
						.get("id")
						.asString());
		}
		return locations;
	}

	/** One tax rate, one price list, and one CSV import of every SKU with its price. */
	private static void catalog(Bench bench, String name, String currency, String country, String rate,
			boolean taxInclusive, Map<String, BigDecimal> prices, Map<String, String> titles) throws Exception {
		bench.api().put("/api/v1/catalog/tax-rates", """
				{"country":"%s","category":"standard","rate":%s}""".formatted(country, rate));
		String priceList = Api
			.json(bench.api()
				.post("/api/v1/catalog/price-lists",
						"""
								{"name":"%s","currency":"%s","channels":[],"taxInclusive":%s,"priority":0}"""
							.formatted(name, currency, taxInclusive),
						null))
			.get("id")
			.asString();
		StringBuilder csv = new StringBuilder("handle,status,title,sku,tax_category,price,currency\n");
		int n = 0;
		for (Map.Entry<String, BigDecimal> price : prices.entrySet()) {
			String sku = price.getKey();
			String handle = sku.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "") + "-" + n++;
			csv.append(handle)
				.append(",ACTIVE,")
				.append(quoted(titles.getOrDefault(sku, sku)))
				.append(',')
				.append(sku)
				.append(",standard,")
				.append(price.getValue().toPlainString())
				.append(',')
				.append(currency)
				.append('\n');
		}
		bench.api()
			.post("/api/v1/catalog/import?priceList=" + priceList, "text/csv",
					csv.toString().getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(2));
	}

	private static String quoted(String field) {
		String title = field.isBlank() ? "Untitled" : field.strip();
		return "\"" + title.replace("\"", "\"\"") + "\"";
	}

	private static String receipt(String sku, String location, int units) {
		return """
				{"type":"RECEIPT","sku":"%s","locationId":"%s","quantity":%d,"reason":"replay"}""".formatted(sku,
				location, units);
	}

	private static int receive(Bench bench, List<String> movements) throws Exception {
		List<String> batches = new ArrayList<>();
		for (int from = 0; from < movements.size(); from += MAX_MOVEMENTS) {
			batches.add("{\"movements\":["
					+ String.join(",", movements.subList(from, Math.min(movements.size(), from + MAX_MOVEMENTS)))
					+ "]}");
		}
		Sent sent = send(batches.stream().map(b -> new Sale("", "", "", b, List.of())).toList(),
				batch -> bench.api().post("/api/v1/inventory/movements/batch", batch.body(), null));
		if (sent.errors() > 0) {
			throw new IllegalStateException("stock could not be received: " + sent.first());
		}
		return batches.size();
	}

	private interface Sender {

		void send(Sale sale) throws Exception;

	}

	private record Sent(double seconds, long done, long errors, String firstError) {

		double rate() {
			return seconds == 0 ? 0 : (done - errors) / seconds;
		}

		String first() {
			return errors == 0 ? "" : " (first: " + firstError + ")";
		}

	}

	/**
	 * Sends every sale with {@link #CONCURRENCY} senders; an error is counted, not fatal.
	 */
	private static Sent send(List<Sale> sales, Sender sender) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> first = new AtomicReference<>("");
		long start = System.nanoTime();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> senders = new ArrayList<>();
			for (int t = 0; t < CONCURRENCY; t++) {
				senders.add(executor.submit(() -> {
					for (int i = next.getAndIncrement(); i < sales.size(); i = next.getAndIncrement()) {
						try {
							sender.send(sales.get(i));
						}
						catch (Exception ex) {
							errors.incrementAndGet();
							first.compareAndSet("", ex.getClass().getSimpleName() + ": " + ex.getMessage());
						}
					}
					return null;
				}));
			}
			for (Future<?> each : senders) {
				each.get();
			}
		}
		return new Sent((System.nanoTime() - start) / 1e9, sales.size(), errors.get(), first.get());
	}

	/**
	 * One sale to send: its source (a store id), its id in the data, the body of the
	 * first request and, for a web order, the bodies of its cart lines.
	 */
	private record Sale(String source, String id, String customer, String body, List<String> lines) {
	}

	/** A cancelled invoice of a known customer: the units per SKU taken back. */
	private record Cancellation(String invoice, String customer, Map<String, Integer> units) {
	}

	private static int units(String quantity) {
		try {
			return new BigDecimal(quantity).setScale(0, RoundingMode.DOWN).intValueExact();
		}
		catch (ArithmeticException | NumberFormatException ex) {
			return 0;
		}
	}

	private static BigDecimal decimal(String value) {
		try {
			return new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			return BigDecimal.ZERO;
		}
	}

	/**
	 * The first {@code limit} store baskets: household_id, store_id, basket_id,
	 * product_id, quantity, sales_value, …
	 */
	private static final class Baskets {

		long total;

		long skippedLines;

		long capped;

		long empty;

		final List<Sale> sales = new ArrayList<>();

		/** The highest unit price seen of each SKU, in dollars. */
		final Map<String, BigDecimal> prices = new LinkedHashMap<>();

		final Map<String, String> titles = new LinkedHashMap<>();

		/** Units sold per store and SKU ({@code store\tsku}). */
		final Map<String, Integer> stock = new LinkedHashMap<>();

		List<String> stores() {
			return sales.stream().map(Sale::source).distinct().toList();
		}

		static Baskets read(Path file, int limit) throws Exception {
			Map<String, List<List<String>>> all = new LinkedHashMap<>();
			Replay.read(file, row -> all.computeIfAbsent(row.get(2), b -> new ArrayList<>()).add(row));
			Baskets baskets = new Baskets();
			baskets.total = all.size();
			for (List<List<String>> lines : all.values()) {
				if (baskets.sales.size() + baskets.empty >= limit) {
					break;
				}
				baskets.add(lines);
			}
			return baskets;
		}

		private void add(List<List<String>> rows) {
			List<String> first = rows.get(0);
			String store = first.get(1);
			Map<String, Integer> units = new LinkedHashMap<>();
			for (List<String> row : rows) {
				int quantity = units(row.get(4));
				BigDecimal value = decimal(row.get(5));
				if (quantity <= 0 || value.signum() <= 0) {
					skippedLines++;
					continue;
				}
				String sku = "CJ-" + row.get(3);
				BigDecimal unit = value.divide(BigDecimal.valueOf(quantity), 2, RoundingMode.HALF_UP)
					.max(new BigDecimal("0.01"));
				prices.merge(sku, unit, BigDecimal::max);
				titles.putIfAbsent(sku, "Complete Journey product " + row.get(3));
				units.merge(sku, quantity, Integer::sum);
			}
			List<String> lines = new ArrayList<>();
			units.forEach((sku, quantity) -> {
				if (lines.size() == MAX_LINES) {
					skippedLines++;
					return;
				}
				if (quantity > MAX_QUANTITY) {
					capped++;
				}
				int sold = Math.min(quantity, MAX_QUANTITY);
				lines.add("{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, sold));
				stock.merge(store + "\t" + sku, sold, Integer::sum);
			});
			if (lines.isEmpty()) {
				empty++;
				return;
			}
			sales.add(new Sale(store, first.get(2), first.get(0), """
					{"currency":"USD","lines":[%s],"customer":{"loyaltyCard":"%s"}}"""
				.formatted(String.join(",", lines), first.get(0)), List.of()));
		}

	}

	/**
	 * The first {@code limit} online invoices that are sales: InvoiceNo, StockCode,
	 * Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country.
	 */
	private static final class Invoices {

		long totalSales;

		long cancellations;

		long skippedLines;

		long capped;

		long truncated;

		long empty;

		long guests;

		final List<Sale> sales = new ArrayList<>();

		/** The highest unit price seen of each SKU, in pounds. */
		final Map<String, BigDecimal> prices = new LinkedHashMap<>();

		final Map<String, String> titles = new LinkedHashMap<>();

		/** Units sold per SKU, all from the one warehouse. */
		final Map<String, Integer> stock = new LinkedHashMap<>();

		/** Units per SKU of each replayed invoice. */
		final Map<String, Map<String, Integer>> bought = new LinkedHashMap<>();

		/** The replayed invoices of each known customer, in the file's order. */
		final Map<String, List<String>> invoicesOf = new LinkedHashMap<>();

		/** The cancellations of known customers, in the file's order. */
		final List<Cancellation> cancelled = new ArrayList<>();

		private void cancel(String invoice, List<List<String>> rows) {
			String customer = rows.get(0).get(6).strip();
			if (customer.isEmpty()) {
				return;
			}
			Map<String, Integer> units = new LinkedHashMap<>();
			for (List<String> row : rows) {
				int quantity = -units(row.get(3));
				if (quantity > 0) {
					units.merge("UCI-" + row.get(1).strip().replaceAll("[^A-Za-z0-9._-]", "_"), quantity, Integer::sum);
				}
			}
			if (!units.isEmpty()) {
				cancelled.add(new Cancellation(invoice, "uci-" + customer.replaceFirst("\\.0$", ""), units));
			}
		}

		static Invoices read(Path file, int limit) throws Exception {
			Map<String, List<List<String>>> all = new LinkedHashMap<>();
			Replay.read(file, row -> all.computeIfAbsent(row.get(0), b -> new ArrayList<>()).add(row));
			Invoices invoices = new Invoices();
			for (Map.Entry<String, List<List<String>>> invoice : all.entrySet()) {
				if (invoice.getKey().startsWith("C")) {
					invoices.cancellations++;
					invoices.cancel(invoice.getKey(), invoice.getValue());
					continue;
				}
				invoices.totalSales++;
				if (invoices.sales.size() + invoices.empty < limit) {
					invoices.add(invoice.getKey(), invoice.getValue());
				}
			}
			return invoices;
		}

		private void add(String invoice, List<List<String>> rows) {
			Map<String, Integer> units = new LinkedHashMap<>();
			for (List<String> row : rows) {
				int quantity = units(row.get(3));
				BigDecimal price = decimal(row.get(5)).setScale(2, RoundingMode.HALF_UP);
				if (quantity <= 0 || price.signum() <= 0) {
					skippedLines++;
					continue;
				}
				String sku = "UCI-" + row.get(1).strip().replaceAll("[^A-Za-z0-9._-]", "_");
				prices.merge(sku, price, BigDecimal::max);
				if (!row.get(2).isBlank()) {
					titles.putIfAbsent(sku, row.get(2));
				}
				units.merge(sku, quantity, Integer::sum);
			}
			List<String> lines = new ArrayList<>();
			units.forEach((sku, quantity) -> {
				if (lines.size() == MAX_LINES) {
					truncated++;
					return;
				}
				if (quantity > MAX_QUANTITY) {
					capped++;
				}
				int sold = Math.min(quantity, MAX_QUANTITY);
				lines.add("{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, sold));
				stock.merge(sku, sold, Integer::sum);
				bought.computeIfAbsent(invoice, i -> new LinkedHashMap<>()).put(sku, sold);
			});
			if (lines.isEmpty()) {
				empty++;
				return;
			}
			String customer = rows.get(0).get(6).strip();
			if (!customer.isEmpty()) {
				invoicesOf.computeIfAbsent("uci-" + customer.replaceFirst("\\.0$", ""), c -> new ArrayList<>())
					.add(invoice);
			}
			if (customer.isEmpty()) {
				guests++;
			}
			String user = customer.isEmpty() ? "" : "uci-" + customer.replaceFirst("\\.0$", "");
			String who = customer.isEmpty() ? "\"anonymousId\":\"guest-" + invoice + "\""
					: "\"userId\":\"" + user + "\"";
			sales.add(new Sale("web", invoice, user, "{\"currency\":\"GBP\",\"country\":\"GB\"," + who + "}", lines));
		}

	}

}
