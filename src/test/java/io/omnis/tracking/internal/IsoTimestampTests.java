package io.omnis.tracking.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.StringNode;

import io.omnis.kernel.IsoTimestamp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast timestamp reader gives exactly what the general parser gives, for the forms it
 * takes, and leaves every other form to it.
 */
class IsoTimestampTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-23T15:34:05Z", "2026-11-23T15:34:05.1Z", "2026-11-23T15:34:05.123Z",
			"2026-11-23T15:34:05.123456789Z", "2024-02-29T00:00:00+00:00", "2026-11-23T00:30:00+01:00",
			"2026-01-01T23:59:59.5-05:30", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
			"2026-11-23T15:34:05-00:00", "2026-11-23T15:34:05+18:00",
			// as PostgreSQL writes a timestamptz into JSON
			"2026-11-24T18:37:40.123456+00:00", "2026-11-24T18:37:40+05:30" })
	void readsTheFormsClientsSendAsTheGeneralParserDoes(String text) {
		assertThat(IsoTimestamp.parse(text)).as(text).isNotNull().isEqualTo(general(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
			"2026-11-23T24:00:00Z", "2026-11-23T15:60:00Z", "2026-11-23T15:34:60Z", "2026-11-23t15:34:05z",
			"2026-11-23T15:34:05", "2026-11-23T15:34:05.Z", "2026-11-23T15:34:05.1234567890Z",
			"2026-11-23T15:34:05+0100", "2026-11-23T15:34:05+01", "2026-11-23T15:34:05+19:00",
			"2026-11-23T15:34:05+01:00:00", "+12026-11-23T15:34:05Z", "2026-11-23 15:34:05Z", "2026-1-23T15:34:05Z",
			"２０２６-11-23T15:34:05Z", "2026-11-23T15:34:05.12a3Z", "" })
	void leavesEveryOtherFormToTheGeneralParser(String text) {
		assertThat(IsoTimestamp.parse(text)).as(text).isNull();
	}

	@Test
	void neverDisagreesWithTheGeneralParserOnSeededNearMisses() {
		Random random = new Random(20261123);
		String alphabet = "0123456789-:T.Z+z ";
		int accepted = 0;
		for (int i = 0; i < 200_000; i++) {
			StringBuilder text = new StringBuilder(validTimestamp(random));
			int edits = random.nextInt(3);
			for (int e = 0; e < edits && !text.isEmpty(); e++) {
				int at = random.nextInt(text.length());
				switch (random.nextInt(3)) {
					case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
					case 1 -> text.deleteCharAt(at);
					default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			String candidate = text.toString();
			Instant fast = IsoTimestamp.parse(candidate);
			if (fast != null) {
				accepted++;
				assertThat(fast).as(candidate).isEqualTo(general(candidate));
			}
			assertThat(Messages.instant(StringNode.valueOf(candidate))).as(candidate)
				.isEqualTo(storable(general(candidate)));
		}
		assertThat(accepted).as("most near misses are still valid timestamps").isGreaterThan(50_000);
	}

	private static String validTimestamp(Random random) {
		String fraction = switch (random.nextInt(4)) {
			case 0 -> "";
			case 1 -> ".%03d".formatted(random.nextInt(1000));
			case 2 -> ".%06d".formatted(random.nextInt(1_000_000));
			default -> "." + "123456789".substring(0, 1 + random.nextInt(9));
		};
		String zone = random.nextBoolean() ? "Z"
				: "%s%02d:%02d".formatted(random.nextBoolean() ? "+" : "-", random.nextInt(19), random.nextInt(60));
		return "%04d-%02d-%02dT%02d:%02d:%02d%s%s".formatted(random.nextInt(10_000), 1 + random.nextInt(12),
				1 + random.nextInt(31), random.nextInt(24), random.nextInt(60), random.nextInt(60), fraction, zone);
	}

	/** What {@code Messages.instant} did before the fast path. */
	private static @Nullable Instant general(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

	private static @Nullable Instant storable(@Nullable Instant instant) {
		if (instant == null || instant.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
				|| instant.isAfter(Instant.parse("9999-12-31T23:59:59.999999Z"))) {
			return null;
		}
		return instant;
	}

}
