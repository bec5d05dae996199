package io.omnis.inventory;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SkuTests {

	@Test
	void aSkuIsOneToSixtyFourPrintableCharactersWithoutSurroundingSpaces() {
		assertThat(new Sku("LAMP-01").value()).isEqualTo("LAMP-01");
		assertThat(Sku.isValid("x".repeat(64))).isTrue();
		assertThat(Sku.isValid("Caneca 300 ml ☕")).isTrue();
		for (String bad : new String[] { "", "x".repeat(65), " LAMP", "LAMP ", "\u2003LAMP", "LA\u0000MP", "LA\nMP",
				"LAMP\u0378" }) {
			assertThat(Sku.isValid(bad)).as("'%s'", bad).isFalse();
			assertThatIllegalArgumentException().isThrownBy(() -> new Sku(bad));
		}
	}

	/**
	 * The loop against the rule as first written with {@code strip} and a stream of code
	 * points, on seeded strings drawn from printable, space, control, unassigned and
	 * surrogate characters.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 7, 8, 9 })
	void isValidAgreesWithTheRuleOnSeededStrings(long seed) {
		Random random = new Random(seed);
		char[] pool = { 'A', 'z', '0', '-', ' ', '\t', '\n', '\u0000', '\u007f', '\u00a0', '\u2003', '\u3000', '\u0378',
				'\ud83d', '\ude00', 'é', '☕', '\uffff' };
		for (int i = 0; i < 20_000; i++) {
			StringBuilder value = new StringBuilder();
			int length = random.nextInt(70);
			for (int c = 0; c < length; c++) {
				value.append(
						random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : (char) ('a' + random.nextInt(26)));
			}
			String candidate = value.toString();
			boolean rule = !candidate.isEmpty() && candidate.length() <= Sku.MAX_LENGTH
					&& candidate.strip().equals(candidate)
					&& candidate.codePoints().noneMatch(c -> Character.isISOControl(c) || !Character.isDefined(c));
			assertThat(Sku.isValid(candidate)).as("'%s'", candidate).isEqualTo(rule);
		}
	}

}
