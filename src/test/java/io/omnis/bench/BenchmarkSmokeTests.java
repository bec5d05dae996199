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

	@Test
	void csvFieldsKeepCommasAndQuotesInsideQuotes() {
		assertThat(Replay.fields("536477,22041,\"RECORD FRAME 7\"\" SINGLE, SIZE \",48,,United Kingdom"))
			.containsExactly("536477", "22041", "RECORD FRAME 7\" SINGLE, SIZE ", "48", "", "United Kingdom");
	}

}
