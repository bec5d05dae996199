package io.omnis.catalog.internal;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GTIN check digits: published examples, and random codes of every length from a fixed
 * seed, each of whose single-digit typos must be caught.
 */
class GtinTests {

	@ParameterizedTest
	@ValueSource(strings = { "96385074", "036000291452", "4006381333931", "5601234567892", "00012345600012" })
	void publishedCodesAreValid(String code) {
		assertThat(Gtin.isValid(code)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1234567", "123456789", "40063813339311", "400638133393X", "4006381333932",
			"４００６３８１３３３９３１", " 4006381333931", "-4006381333931" })
	void otherTextIsNot(String code) {
		assertThat(Gtin.isValid(code)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void everySingleDigitTypoOfARandomCodeIsCaught(long seed) {
		Random random = new Random(seed);
		for (int length : new int[] { 8, 12, 13, 14 }) {
			StringBuilder digits = new StringBuilder();
			for (int i = 0; i < length - 1; i++) {
				digits.append(random.nextInt(10));
			}
			String code = digits.toString() + Gtin.checkDigit(digits.toString());
			assertThat(Gtin.isValid(code)).as(code).isTrue();
			for (int position = 0; position < length; position++) {
				for (char typo = '0'; typo <= '9'; typo++) {
					if (typo != code.charAt(position)) {
						String wrong = code.substring(0, position) + typo + code.substring(position + 1);
						assertThat(Gtin.isValid(wrong)).as(wrong).isFalse();
					}
				}
			}
		}
	}

}
