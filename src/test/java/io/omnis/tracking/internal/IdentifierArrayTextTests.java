package io.omnis.tracking.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.omnis.CollectingOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identifiers promoted from an event reach {@code event_profile} as the text of a
 * PostgreSQL array: whatever characters the values hold (quotes, backslashes, braces,
 * commas, blanks, the word NULL, any Unicode), PostgreSQL reads back the same values.
 */
class IdentifierArrayTextTests extends CollectingOmnis {

	private static final String AWKWARD = "\"\\{},; \tNULLnull'\u00e9\u4e2d\ud83d\ude00:";

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
	void anyValueReadsBackAsItWasWritten(long seed) {
		Random random = new Random(seed);
		List<String> values = new ArrayList<>();
		int n = random.nextInt(6);
		for (int v = 0; v < n; v++) {
			StringBuilder value = new StringBuilder();
			int length = random.nextInt(12);
			for (int i = 0; i < length; i++) {
				if (random.nextBoolean()) {
					value.appendCodePoint(AWKWARD.codePointAt(AWKWARD.offsetByCodePoints(0,
							random.nextInt(AWKWARD.codePointCount(0, AWKWARD.length())))));
				}
				else {
					value.appendCodePoint(1 + random.nextInt(0xD000));
				}
			}
			values.add(value.toString());
		}
		values.add("");
		values.add("NULL");

		List<String> read = jdbc.sql("select unnest(:text::text[])")
			.param("text", TextArray.of(values))
			.query(String.class)
			.list();

		assertThat(read).containsExactlyElementsOf(values);
	}

}
