package io.omnis.catalog.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming CSV reader against records written from random fields of awkward
 * characters, and against broken input.
 */
class CsvReaderTests {

	private static final String AWKWARD = "ab ,\"\n\r;=çé€\t";

	@ParameterizedTest
	@ValueSource(longs = { 11, 12, 13, 14, 15, 16, 17, 18 })
	void randomRecordsReadBackAsWritten(long seed) throws IOException {
		Random random = new Random(seed);
		List<List<String>> records = new ArrayList<>();
		StringBuilder csv = new StringBuilder();
		for (int r = 0; r < 50; r++) {
			List<String> record = new ArrayList<>();
			int fields = 1 + random.nextInt(6);
			for (int f = 0; f < fields; f++) {
				StringBuilder field = new StringBuilder();
				for (int c = random.nextInt(8); c > 0; c--) {
					field.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
				}
				record.add(field.toString());
			}
			if (record.size() == 1 && record.getFirst().isEmpty()) {
				record.set(0, "x"); // an empty record is a blank line, which is skipped
			}
			records.add(record);
			for (int f = 0; f < record.size(); f++) {
				csv.append(f == 0 ? "" : ",").append(encode(record.get(f), random));
			}
			csv.append(random.nextBoolean() ? "\r\n" : "\n");
		}

		CsvReader reader = new CsvReader(new StringReader(csv.toString()));
		List<List<String>> read = new ArrayList<>();
		for (List<String> record = reader.next(); record != null; record = reader.next()) {
			read.add(record);
		}

		assertThat(read).isEqualTo(records);
	}

	@Test
	void recordsKnowTheLineTheyStartOn() throws IOException {
		CsvReader reader = new CsvReader(new StringReader("a,b\n\"multi\nline\",c\nd,e\n"));

		reader.next();
		assertThat(reader.recordLine()).isEqualTo(1);
		reader.next();
		assertThat(reader.recordLine()).isEqualTo(2);
		reader.next();
		assertThat(reader.recordLine()).isEqualTo(4);
		assertThat(reader.next()).isNull();
	}

	@Test
	void brokenQuotingIsRefusedWithItsLine() {
		assertThatThrownBy(() -> readAll("a,b\nc,\"open")).isInstanceOf(CsvReader.Malformed.class)
			.hasMessageContaining("line 2");
		assertThatThrownBy(() -> readAll("a,\"b\"c\n")).isInstanceOf(CsvReader.Malformed.class);
		assertThatThrownBy(() -> readAll("a,b\"c\n")).isInstanceOf(CsvReader.Malformed.class);
		assertThatThrownBy(() -> readAll("\"" + "x".repeat(20_001) + "\"")).isInstanceOf(CsvReader.Malformed.class);
	}

	private static void readAll(String csv) throws IOException {
		CsvReader reader = new CsvReader(new StringReader(csv));
		while (reader.next() != null) {
			// read on
		}
	}

	private static String encode(String field, Random random) {
		boolean needsQuotes = field.isEmpty()
				|| field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
		return needsQuotes || random.nextBoolean() ? '"' + field.replace("\"", "\"\"") + '"' : field;
	}

}
