package io.omnis.kernel.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorTests {

	@Test
	void aCursorDecodesToThePositionItWasMadeFrom() {
		for (String position : List.of("chn_01jd4k7q8m3v5x6y7z8a9b0c1d", "", "a:b:c", "ünïcødé ✓", "x".repeat(300))) {
			String cursor = Cursor.encode(position);

			assertThat(cursor).matches("[A-Za-z0-9_-]*");
			assertThat(Cursor.decode(cursor)).isEqualTo(position);
		}
	}

	@Test
	void noCursorMeansTheFirstPage() {
		assertThat(Cursor.decode(null)).isNull();
		assertThat(Cursor.decode("")).isNull();
	}

	@Test
	void garbageAndForeignCursorsAreRefusedNamingTheCursorParameter() {
		List<String> refused = List.of("!!!", "not a cursor", "abc=", "%", "v1:chn_x",
				base64("v2:chn_01jd4k7q8m3v5x6y7z8a9b0c1d"), base64("chn_01jd4k7q8m3v5x6y7z8a9b0c1d"),
				Cursor.encode("x".repeat(400)), "A".repeat(513));

		for (String cursor : refused) {
			assertThatExceptionOfType(ProblemException.class).as(cursor)
				.isThrownBy(() -> Cursor.decode(cursor))
				.satisfies(ex -> {
					assertThat(ex.type()).isEqualTo(ProblemType.INVALID_PARAMETER);
					assertThat(ex.errors()).extracting(FieldError::field).containsExactly("cursor");
				});
		}
	}

	@Test
	void theLimitIsFiftyByDefaultAndOneToTwoHundredWhenGiven() {
		assertThat(Cursor.limit(null)).isEqualTo(50);
		assertThat(Cursor.limit(1)).isEqualTo(1);
		assertThat(Cursor.limit(200)).isEqualTo(200);

		for (int limit : new int[] { 0, -1, 201, Integer.MIN_VALUE, Integer.MAX_VALUE }) {
			assertThatExceptionOfType(ProblemException.class).as("limit %d", limit)
				.isThrownBy(() -> Cursor.limit(limit))
				.satisfies(ex -> {
					assertThat(ex.type()).isEqualTo(ProblemType.INVALID_PARAMETER);
					assertThat(ex.errors()).extracting(FieldError::field).containsExactly("limit");
				});
		}
	}

	@Test
	void aPageFetchedWithOneExtraRowHasACursorToTheRest() {
		Page<String> full = Page.of(List.of("a", "b", "c"), 2, item -> item);
		Page<String> last = Page.of(List.of("c"), 2, item -> item);

		assertThat(full.data()).containsExactly("a", "b");
		assertThat(Cursor.decode(full.nextCursor())).isEqualTo("b");
		assertThat(last.data()).containsExactly("c");
		assertThat(last.nextCursor()).isNull();
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
