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
 * The APIs it feeds (orders, tracking, returns) are not built yet, so for now it checks
 * the folder, counts what it would send and says which modules it waits for. It reports
 * no rates until it can measure them.
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
		out.printf("    would send %,d till sales with their loyalty card (POST an order on a STORE channel)%n",
				baskets.baskets.size());
		Invoices invoices = new Invoices();
		read(folder.resolve(ONLINE_RETAIL), invoices);
		out.printf("  %s: %,d lines in %,d invoices of %,d customers (%,d guest lines) in %,d countries%n",
				ONLINE_RETAIL, invoices.lines, invoices.sales.size() + invoices.cancellations.size(),
				invoices.customers.size(), invoices.guestLines, invoices.countries.size());
		out.printf("    would send %,d web orders with their events (POST an order on a WEB channel, /v1/batch)%n",
				invoices.sales.size());
		out.printf("    would send %,d cancellations as returns%n", invoices.cancellations.size());
		List<String> absent = NEEDS.stream().filter(module -> !moduleExists(module)).toList();
		out.println("replay: not run, no rates reported: it needs the "
				+ (absent.isEmpty() ? String.join(", ", NEEDS) + " modules' replay, which is not written yet"
						: String.join(", ", absent) + " modules, which are not built yet"));
		return 0;
	}

	static boolean moduleExists(String module) {
		return Replay.class.getClassLoader().getResource("io/omnis/" + module + "/package-info.class") != null;
	}

	private static void read(Path file, Consumer<List<String>> rows) throws IOException {
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
