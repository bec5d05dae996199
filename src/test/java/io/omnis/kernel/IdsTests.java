package io.omnis.kernel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdsTests {

	@AfterEach
	void useTheRealClockAgain() {
		Ids.useClock(Clock.systemUTC());
	}

	@Test
	void anIdIsItsPrefixAnUnderscoreAndALowerCaseUlid() {
		String id = Ids.next("chn");

		assertThat(id).matches("chn_[0-7][0-9a-hjkmnp-tv-z]{25}");
		assertThat(Ids.isValid("chn", id)).isTrue();
		assertThat(Ids.require("chn", id)).isEqualTo(id);
	}

	@Test
	void theTimePartOfAnIdIsTheMillisecondItWasMadeIn() {
		// The example of the ULID specification: 1469918176385 is 01ARYZ6S41
		Ids.useClock(Clock.fixed(Instant.ofEpochMilli(1469918176385L), ZoneOffset.UTC));

		assertThat(Ids.next("cus")).startsWith("cus_01aryz6s41");
	}

	@Test
	void aPrefixIsTwoToSixLowerCaseLetters() {
		assertThat(Ids.next("ab")).startsWith("ab_");
		assertThat(Ids.next("abcdef")).startsWith("abcdef_");
		for (String bad : List.of("", "a", "abcdefg", "Chn", "ch1", "c_n", "chn_", "çhn")) {
			assertThatIllegalArgumentException().as("prefix '%s'", bad).isThrownBy(() -> Ids.next(bad));
		}
	}

	@Test
	void aHundredThousandIdsAreUniqueAndSortInTheOrderTheyWereMade() {
		List<String> ids = new ArrayList<>(100_000);
		for (int i = 0; i < 100_000; i++) {
			ids.add(Ids.next("evt"));
		}

		assertThat(new HashSet<>(ids)).hasSize(100_000);
		assertThat(ids).isSorted();
	}

	@Test
	void idsMadeInOneMillisecondStillSortInTheOrderTheyWereMade() {
		Ids.useClock(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(Ids.next("evt"));
		}

		assertThat(new HashSet<>(ids)).hasSize(ids.size());
		assertThat(ids).isSorted();
	}

	@Test
	void idsKeepTheirOrderWhenTheClockGoesBack() {
		MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
		Ids.useClock(clock);
		String before = Ids.next("evt");
		clock.now = clock.now.minusSeconds(5);

		String after = Ids.next("evt");

		assertThat(after).isGreaterThan(before);
	}

	@Test
	void isValidRejectsAnythingThatIsNotAnIdWithThatPrefix() {
		String good = Ids.next("chn");
		List<String> garbage = List.of("", "chn", "chn_", "chn_" + "0".repeat(25), "chn_" + "0".repeat(27),
				good.toUpperCase(), good.replace("chn_", "cus_"), good.replace("chn_", "chn-"), "x" + good, good + " ",
				" " + good, "chn_8" + good.substring(5), "chn_" + good.substring(4, 29) + "i",
				"chn_" + good.substring(4, 29) + "l", "chn_" + good.substring(4, 29) + "o",
				"chn_" + good.substring(4, 29) + "u", "chn_" + good.substring(4, 29) + "é",
				"chn_" + good.substring(4, 29) + "\n", "chn_../../etc/passwd", "chn_' or 1=1 --");

		for (String value : garbage) {
			assertThat(Ids.isValid("chn", value)).as("'%s'", value).isFalse();
			assertThatIllegalArgumentException().isThrownBy(() -> Ids.require("chn", value));
		}
	}

	/**
	 * The hand-written check against the grammar as a regular expression, on ids made and
	 * then changed at random: one character swapped for a character from a pool of near
	 * misses (upper case, the letters base32 leaves out, accented and wide letters,
	 * separators), one cut off or one added.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3 })
	void isValidAgreesWithTheGrammarOnSeededNearMisses(long seed) {
		Random random = new Random(seed);
		String pool = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-. çé\u00e9\u0130\uff41\u0000\ud83d";
		for (String prefix : List.of("ab", "loc", "rsv", "abcdef")) {
			Pattern grammar = Pattern.compile(prefix + "_[0-7][0-9abcdefghjkmnpqrstvwxyz]{25}");
			for (int i = 0; i < 5_000; i++) {
				StringBuilder value = new StringBuilder(Ids.next(prefix));
				switch (random.nextInt(4)) {
					case 0 ->
						value.setCharAt(random.nextInt(value.length()), pool.charAt(random.nextInt(pool.length())));
					case 1 -> value.deleteCharAt(random.nextInt(value.length()));
					case 2 ->
						value.insert(random.nextInt(value.length() + 1), pool.charAt(random.nextInt(pool.length())));
					default -> {
						// unchanged: valid
					}
				}
				String candidate = value.toString();
				assertThat(Ids.isValid(prefix, candidate)).as("'%s' with prefix %s", candidate, prefix)
					.isEqualTo(grammar.matcher(candidate).matches());
			}
		}
	}

	private static final class MovableClock extends Clock {

		Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return Clock.fixed(instant(), zone); // a snapshot in another zone; Ids never
													// asks for one
		}

	}

}
