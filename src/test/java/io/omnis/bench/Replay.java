package io.omnis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Replays the real retail data beside the project ({@code ../shared/data}, never copied
 * into it) through the public APIs: store baskets as till sales with loyalty cards,
 * online invoices as web orders and events, cancellations as returns.
 * <p>
 * First every store basket as an "Order Completed" event from that store's till channel
 * with the household's loyalty card, every online invoice as an "Order Completed" event
 * from the web shop (guests anonymous), and every cancellation as "Order Refunded"; then
 * ({@link OrderReplay}) a bounded number of baskets as till sales and invoices as web
 * orders. Returns wait for refunds in the order module.
 */
final class Replay {

	static final String TRANSACTIONS = "completejourney/transactions_sample.csv.gz";

	static final String ONLINE_RETAIL = "uci_online_retail/online_retail.csv.gz";

	private static final List<String> NEEDS = List.of("order", "customer", "tracking");

	private Replay() {
	}

	/**
	 * Returns the process status: 0 also when the folder is absent, 1 when it is
	 * incomplete.
	 */
	static int run(Path data, PrintStream out) throws IOException {
		return run(data, OrderReplay.DEFAULT_LIMIT, out);
	}

	/**
	 * As {@link #run(Path, PrintStream)}, saying that at most {@code limit} baskets and
	 * invoices go through the order API.
	 */
	static int run(Path data, int limit, PrintStream out) throws IOException {
		Path folder = data.toAbsolutePath().normalize();
		if (!Files.isDirectory(folder)) {
			out.println("replay: no data folder at " + folder + ", so nothing was replayed.");
			out.println("replay: it reads ../shared/data beside the project by default; pass another with "
					+ "`./omnis bench replay --data <dir>`.");
			return 0;
		}
		List<String> missing = new ArrayList<>();
		for (String file : List.of(TRANSACTIONS, ONLINE_RETAIL)) {
			if (!Files.isRegularFile(folder.resolve(file))) {
				missing.add(file);
			}
		}
		if (!missing.isEmpty()) {
			out.println("replay: " + folder + " lacks " + String.join(", ", missing) + "; nothing was replayed.");
			return 1;
		}
		out.println("replay: data in " + folder);
		Baskets baskets = new Baskets();
		read(folder.resolve(TRANSACTIONS), baskets);
		out.printf("  %s: %,d lines in %,d store baskets of %,d loyalty households at %,d stores%n", TRANSACTIONS,
				baskets.lines, baskets.baskets.size(), baskets.households.size(), baskets.stores.size());
		out.printf("    sends them as events, then at most %,d as till sales with their loyalty card "
				+ "(POST /api/v1/till-sales from the store's STORE channel)%n", limit);
		Invoices invoices = new Invoices();
		read(folder.resolve(ONLINE_RETAIL), invoices);
		out.printf("  %s: %,d lines in %,d invoices of %,d customers (%,d guest lines) in %,d countries%n",
				ONLINE_RETAIL, invoices.lines, invoices.sales.size() + invoices.cancellations.size(),
				invoices.customers.size(), invoices.guestLines, invoices.countries.size());
		out.printf(
				"    sends them as events, then at most %,d of the %,d sales as web orders (cart, lines, checkout "
						+ "by test card); the %,d cancellations as events, then those of replayed orders as returns "
						+ "(started on the web, received and restocked at the warehouse, refunded)%n",
				limit, invoices.sales.size(), invoices.cancellations.size());
		List<String> absent = NEEDS.stream().filter(module -> !moduleExists(module)).toList();
		if (!absent.isEmpty()) {
			out.println("replay: orders are not replayed: they need the " + String.join(", ", absent)
					+ " module(s); the purchases are replayed as events only");
		}
		return 0;
	}

	/**
	 * Sends the data set's purchases as tracking events through {@code /v1/batch} and
	 * reports the rate and how identity resolution kept up.
	 */
	static void events(Bench bench, Path data, PrintStream out) throws Exception {
		events(bench, data, out, new java.util.HashMap<>());
	}

	/**
	 * Sends the events as {@link #events(Bench, Path, PrintStream)} does and fills
	 * {@code channels} with the channel created for each store id and for the web shop
	 * ({@code "web"}), with secret keys that may ring up sales and check out carts.
	 */
	static void events(Bench bench, Path data, PrintStream out, java.util.Map<String, OrderReplay.Channel> channels)
			throws Exception {
		Path folder = data.toAbsolutePath().normalize();
		List<String> messages = new ArrayList<>();
		java.util.Map<String, String> storeKeys = new java.util.HashMap<>();
		java.util.Map<String, List<List<String>>> baskets = new java.util.LinkedHashMap<>();
		read(folder.resolve(TRANSACTIONS), row -> baskets.computeIfAbsent(row.get(2), b -> new ArrayList<>()).add(row));
		for (List<List<String>> lines : baskets.values()) {
			List<String> first = lines.get(0);
			String store = first.get(1);
			if (!storeKeys.containsKey(store)) {
				storeKeys.put(store, "");
			}
			messages.add(store + "\t" + basket(lines));
		}
		for (String store : storeKeys.keySet()) {
			channels.put(store, channel(bench, "STORE", "Complete Journey store " + store));
			storeKeys.put(store, channels.get(store).writeKey());
		}
		channels.put("web", channel(bench, "WEB", "UCI online shop"));
		String web = channels.get("web").writeKey();
		java.util.Map<String, List<List<String>>> invoices = new java.util.LinkedHashMap<>();
		read(folder.resolve(ONLINE_RETAIL),
				row -> invoices.computeIfAbsent(row.get(0), i -> new ArrayList<>()).add(row));
		for (List<List<String>> lines : invoices.values()) {
			messages.add("web\t" + invoice(lines));
		}
		storeKeys.put("web", web);

		// Batches per source, at most 500 messages or 400 KB each
		java.util.Map<String, List<String>> bySource = new java.util.LinkedHashMap<>();
		for (String message : messages) {
			int tab = message.indexOf('\t');
			bySource.computeIfAbsent(message.substring(0, tab), s -> new ArrayList<>()).add(message.substring(tab + 1));
		}
		List<String[]> batches = new ArrayList<>();
		bySource.forEach((source, list) -> {
			StringBuilder batch = new StringBuilder();
			int count = 0;
			for (String message : list) {
				if (count == 500 || batch.length() + message.length() > 400_000) {
					batches.add(new String[] { storeKeys.get(source), batch.append("]}").toString() });
					batch.setLength(0);
					count = 0;
				}
				batch.append(count == 0 ? "{\"batch\":[" : ",").append(message);
				count++;
			}
			if (count > 0) {
				batches.add(new String[] { storeKeys.get(source), batch.append("]}").toString() });
			}
		});
		java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
		java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		long start = System.nanoTime();
		try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				senders.add(executor.submit(() -> {
					for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
						var answer = Api.json(bench.api().collect("/v1/batch", batches.get(i)[1], batches.get(i)[0]));
						accepted.addAndGet(answer.get("accepted").asLong());
						dropped.addAndGet(answer.get("dropped").asLong());
					}
					return null;
				}));
			}
			for (var sender : senders) {
				sender.get();
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		out.printf(java.util.Locale.ROOT,
				"replay: %,d events (%,d store baskets from %,d till channels, %,d online invoices and cancellations) "
						+ "in %,d batches: %.1f s, %,.0f events/s; accepted %,d, dropped %,d%n",
				messages.size(), baskets.size(), storeKeys.size() - 1, invoices.size(), batches.size(), seconds,
				messages.size() / seconds, accepted.get(), dropped.get());
		long drained = System.nanoTime();
		try (var connection = bench.database().getConnection(); var statement = connection.createStatement()) {
			while (System.nanoTime() - drained < 300_000_000_000L) {
				try (var rs = statement.executeQuery("select count(*) from event_resolution_queue")) {
					rs.next();
					if (rs.getLong(1) == 0) {
						break;
					}
				}
				Thread.sleep(100);
			}
			try (var rs = statement.executeQuery("""
					select (select count(*) from profile where merged_into is null),
					       (select count(*) from identifier where type = 'loyalty_card'),
					       (select count(*) from identifier where type = 'user_id'),
					       (select count(*) from event_resolution_queue)""")) {
				rs.next();
				out.printf(java.util.Locale.ROOT,
						"replay: identity resolution finished %.1f s after the last batch (%,d still waiting): "
								+ "%,d profiles, %,d loyalty cards, %,d online customers%n",
						(System.nanoTime() - drained) / 1e9, rs.getLong(4), rs.getLong(1), rs.getLong(2),
						rs.getLong(3));
			}
		}
		out.println("replay: data from 84.51° The Complete Journey (CC0) and the UCI Online Retail data set "
				+ "(Chen, Sain and Guo 2012, CC BY 4.0)");
	}

	/**
	 * A new channel with its write key and a secret key that may ring up till sales and
	 * check out carts.
	 */
	private static OrderReplay.Channel channel(Bench bench, String type, String name) throws Exception {
		var created = Api.json(bench.api()
			.post("/api/v1/channels", """
					{"type":"%s","name":"%s","secretKeyScopes":["carts:write","orders:read","orders:write"]}"""
				.formatted(type, name), null));
		String write = null;
		String secret = null;
		for (var issued : created.get("issuedKeys")) {
			String kind = issued.get("key").get("kind").asString();
			if ("WRITE".equals(kind)) {
				write = issued.get("secret").asString();
			}
			else if ("SECRET".equals(kind)) {
				secret = issued.get("secret").asString();
			}
		}
		if (write == null || secret == null) {
			throw new IllegalStateException("channel " + name + " came without its keys");
		}
		return new OrderReplay.Channel(created.get("channel").get("id").asString(), write, secret);
	}

	/**
	 * household_id, store_id, basket_id, product_id, quantity, sales_value, ...,
	 * transaction_timestamp
	 */
	private static String basket(List<List<String>> lines) {
		List<String> first = lines.get(0);
		String timestamp = first.get(10).replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
		StringBuilder products = new StringBuilder();
		double total = 0;
		for (List<String> line : lines.subList(0, Math.min(lines.size(), 50))) {
			products.append(products.isEmpty() ? "" : ",")
				.append("{\"product_id\":\"")
				.append(line.get(3))
				.append("\",\"quantity\":")
				.append(line.get(4))
				.append(",\"price\":")
				.append(line.get(5))
				.append('}');
		}
		for (List<String> line : lines) {
			total += Double.parseDouble(line.get(5));
		}
		return """
				{"type":"track","event":"Order Completed","messageId":"cj-%s","anonymousId":"card-%s",\
				"timestamp":"%s","properties":{"order_id":"%s","store_id":"%s","total":%s,"currency":"USD",\
				"products":[%s]},"context":{"externalIds":[{"id":"%s","type":"loyalty_card","collection":"users",\
				"encoding":"none"}]}}""".formatted(first.get(2), first.get(0), timestamp, first.get(2), first.get(1),
				String.format(java.util.Locale.ROOT, "%.2f", total), products, first.get(0));
	}

	/**
	 * InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID,
	 * Country
	 */
	private static String invoice(List<List<String>> lines) {
		List<String> first = lines.get(0);
		boolean cancellation = first.get(0).startsWith("C");
		String who = first.get(6).isBlank() ? "\"anonymousId\":\"guest-" + first.get(0) + "\""
				: "\"userId\":\"uci-" + first.get(6) + "\"";
		StringBuilder products = new StringBuilder();
		double total = 0;
		for (List<String> line : lines) {
			total += Double.parseDouble(line.get(3)) * Double.parseDouble(line.get(5));
		}
		for (List<String> line : lines.subList(0, Math.min(lines.size(), 50))) {
			products.append(products.isEmpty() ? "" : ",")
				.append("{\"sku\":")
				.append(Api.JSON.writeValueAsString(line.get(1)))
				.append(",\"name\":")
				.append(Api.JSON.writeValueAsString(line.get(2)))
				.append(",\"quantity\":")
				.append(line.get(3))
				.append(",\"price\":")
				.append(line.get(5))
				.append('}');
		}
		return """
				{"type":"track","event":"%s","messageId":"uci-%s",%s,"timestamp":"%sZ",\
				"properties":{"order_id":"%s","total":%s,"currency":"GBP","country":%s,"line_count":%d,\
				"products":[%s]}}""".formatted(cancellation ? "Order Refunded" : "Order Completed", first.get(0), who,
				first.get(4), first.get(0), String.format(java.util.Locale.ROOT, "%.2f", total),
				Api.JSON.writeValueAsString(first.get(7)), lines.size(), products);
	}

	static boolean moduleExists(String module) {
		return Replay.class.getClassLoader().getResource("io/omnis/" + module + "/package-info.class") != null;
	}

	static void read(Path file, Consumer<List<String>> rows) throws IOException {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
			reader.readLine(); // the header
			String line;
			while ((line = reader.readLine()) != null) {
				rows.accept(fields(line));
			}
		}
	}

	/**
	 * The fields of one CSV line, with quoted fields (and their doubled quotes) unquoted.
	 */
	static List<String> fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
				field.append('"');
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

	/** household_id, store_id, basket_id, ... */
	private static final class Baskets implements Consumer<List<String>> {

		long lines;

		final Set<String> baskets = new HashSet<>();

		final Set<String> households = new HashSet<>();

		final Set<String> stores = new HashSet<>();

		@Override
		public void accept(List<String> row) {
			lines++;
			households.add(row.get(0));
			stores.add(row.get(1));
			baskets.add(row.get(2));
		}

	}

	/**
	 * InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID,
	 * Country
	 */
	private static final class Invoices implements Consumer<List<String>> {

		long lines;

		long guestLines;

		final Set<String> sales = new HashSet<>();

		final Set<String> cancellations = new HashSet<>();

		final Set<String> customers = new HashSet<>();

		final Set<String> countries = new HashSet<>();

		@Override
		public void accept(List<String> row) {
			lines++;
			String invoice = row.get(0);
			(invoice.startsWith("C") ? cancellations : sales).add(invoice);
			if (row.get(6).isBlank()) {
				guestLines++;
			}
			else {
				customers.add(row.get(6));
			}
			countries.add(row.get(7));
		}

	}

}
