package io.omnis.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI check of the benchmark harness: every workload runs for a couple of seconds on
 * tiny data against an Omnis started in-process, and leaves a row in the results. It
 * asserts that the harness works, never how fast anything is.
 */
class BenchmarkSmokeTests {

	@Test
	void everyWorkloadRunsAndLeavesARowWithItsBaselineInTheResultsFile() throws Exception {
		BenchmarkSuite suite = new BenchmarkSuite(Mode.SMOKE, Path.of("target", "bench-smoke"),
				OmnisInProcess.fromClasses(), Set.of(), System.out);
		List<String> names = suite.workloads().stream().map(Workload::name).toList();

		Path file = suite.run();

		assertThat(names).contains("channel-lookup", "channel-create");
		assertThat(file).isRegularFile();
		Results results = Api.JSON.readValue(file.toFile(), Results.class);
		assertThat(results.workloads()).extracting(Results.Row::name).containsExactlyElementsOf(names);
		assertThat(results.workloads()).allSatisfy(row -> {
			assertThat(row.omnis().ops()).as(row.name()).isPositive();
			assertThat(row.omnis().errors()).as(row.name() + ": " + row.omnis().firstError()).isZero();
			assertThat(row.baselineMeasurement().ops()).as(row.name() + " baseline").isPositive();
		});
		Results.Row collection = results.workloads()
			.stream()
			.filter(row -> row.name().equals("event-collection"))
			.findFirst()
			.orElseThrow();
		// ADR 0033's two, and its rows by binary COPY
		assertThat(collection.facts().entrySet()).as("event collection's floors")
			.filteredOn(fact -> fact.getKey().startsWith("floor: "))
			.hasSize(3)
			.allSatisfy(fact -> assertThat(fact.getValue()).as(fact.getKey()).endsWith(", 0 errors"));
		assertThat(results.pending()).extracting(Results.Pending::name).doesNotContainAnyElementsOf(names);
		assertThat(results.machine().postgres()).startsWith("PostgreSQL");
	}

	@Test
	void replaySaysSoWhenItsDataFolderIsAbsent(@TempDir Path empty) throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int status = Replay.run(empty.resolve("data"), new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(status).isZero();
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("no data folder at", "nothing was replayed");
	}

	/**
	 * A tiny data folder in the real files' format: two stores, three baskets (one with a
	 * line of no units, one bought by the same household again), three online invoices
	 * (one of a guest, one of a line over the order module's 1,000 units) and two
	 * cancellations (one of a replayed order).
	 */
	@Test
	void replaySendsTheEventsThenTheBasketsAsTillSalesAndTheInvoicesAsWebOrders(@TempDir Path data) throws Exception {
		write(data.resolve(Replay.TRANSACTIONS),
				"""
						"household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
						"2261","309","31625220889","940996",1,3.86,0.43,0,0,5,"2017-01-28T14:06:53-0500"
						"2261","309","31625220889","873902",2,3.18,0,0,0,5,"2017-01-28T14:06:53-0500"
						"2131","368","32053127496","873902",1,1.99,0.9,0,0,10,"2017-02-28T22:31:57-0500"
						"2131","368","32053127496","1000001",0,0,0,0,0,10,"2017-02-28T22:31:57-0500"
						"2261","368","32053127500","940996",3,11.58,0,0,0,11,"2017-03-02T10:00:00-0500"
						""");
		write(data.resolve(Replay.ONLINE_RETAIL), """
				InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01T08:26:00,2.55,17850,United Kingdom
				536365,71053,WHITE METAL LANTERN,6,2010-12-01T08:26:00,3.39,17850,United Kingdom
				536366,22633,"HAND WARMER, UNION JACK",6,2010-12-01T08:28:00,1.85,,United Kingdom
				536367,BANK CHARGES,Bank Charges,1,2010-12-01T08:34:00,15,17850,United Kingdom
				536368,23843,"PAPER CRAFT , LITTLE BIRDIE",80995,2010-12-01T09:15:00,2.08,16446,United Kingdom
				C536379,D,Discount,-1,2010-12-01T09:41:00,27.5,14527,United Kingdom
				C536380,71053,WHITE METAL LANTERN,-2,2010-12-01T09:45:00,3.39,17850,United Kingdom
				""");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int status = BenchmarkSuite.replay(data, 10, OmnisInProcess.fromClasses(),
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(status).as(output).isZero();
		assertThat(output).contains("accepted 9, dropped 0",
				"2 store locations tied to their STORE channels, 2 grocery and 5 online products",
				"3 till sales with their loyalty card (the first 3 of 3 store baskets)", "till sales/s; 0 errors",
				"the order history of loyalty_card:2261 holds 2 order(s)",
				"4 web orders (the first 4 of 4 online invoices that are sales", "web orders/s; 0 errors",
				"the order history of user_id:uci-17850 holds 2 order(s)", "lines capped at 1,000 units: 1",
				"guests (anonymous carts): 1",
				"2 cancellations (invoices starting with C), 1 of them of replayed orders: 1 returns",
				"returns/s; 0 errors; 1 orders handed over first (0 errors); 1 cancelled units matched no replayed order");
	}

	private static void write(Path file, String csv) throws java.io.IOException {
		java.nio.file.Files.createDirectories(file.getParent());
		try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(file))) {
			out.write(csv.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void csvFieldsKeepCommasAndQuotesInsideQuotes() {
		assertThat(Replay.fields("536477,22041,\"RECORD FRAME 7\"\" SINGLE, SIZE \",48,,United Kingdom"))
			.containsExactly("536477", "22041", "RECORD FRAME 7\" SINGLE, SIZE ", "48", "", "United Kingdom");
	}

}
