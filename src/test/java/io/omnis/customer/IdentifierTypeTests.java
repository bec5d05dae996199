package io.omnis.customer;

import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierTypeTests {

	@ParameterizedTest
	@ValueSource(strings = { "user_id", "email", "loyalty_card", "UserId", " user-id ", "__x__", "a__b", "e_mail",
			"Mail", "_", "", "phone", "WhatsApp Number", "x9", "9x", "a_", "_a" })
	void theFastPathNormalisesTypesAsTheRegularExpressionsDo(String type) {
		assertThat(Identifier.normaliseType(type)).isEqualTo(reference(type));
	}

	@ParameterizedTest
	@MethodSource("generatedTypes")
	void generatedTypesNormaliseAsTheRegularExpressionsDo(String type) {
		assertThat(Identifier.normaliseType(type)).isEqualTo(reference(type));
	}

	static Stream<String> generatedTypes() {
		Random random = new Random(20261122L);
		String alphabet = "ab_z09_-. AZé";
		return IntStream.range(0, 300).mapToObj(i -> {
			StringBuilder type = new StringBuilder();
			int length = random.nextInt(8);
			for (int c = 0; c < length; c++) {
				type.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			return type.toString();
		});
	}

	/** The normalisation as it was written first, with two regular expressions. */
	private static String reference(String type) {
		String t = type.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		return switch (t) {
			case "userid", "user" -> "user_id";
			case "anonymousid" -> "anonymous_id";
			case "e_mail", "mail" -> "email";
			default -> t;
		};
	}

}
