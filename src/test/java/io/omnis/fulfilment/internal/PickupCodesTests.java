package io.omnis.fulfilment.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.omnis.kernel.problem.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pickup codes read aloud or typed at the counter: no look-alikes, any case and spacing
 * accepted, anything else refused naming the field; the hold period stays within what a
 * reservation can live.
 */
class PickupCodesTests {

	@Test
	void codesHaveEightCharactersWithoutLookAlikesAndDoNotRepeat() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 2000; i++) {
			String code = PickupCodes.next();
			assertThat(code).hasSize(8).matches("[A-HJKMNP-Z2-9]{8}");
			seen.add(code);
		}
		assertThat(seen).hasSizeGreaterThan(1990);
	}

	@Test
	void theCodeAsTypedIsTheCodeInAnyCaseWithSpacesOrDashes() {
		Random random = new Random(20261123);
		for (int i = 0; i < 200; i++) {
			String code = PickupCodes.next();
			StringBuilder typed = new StringBuilder();
			for (char c : code.toCharArray()) {
				typed.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
				if (random.nextInt(4) == 0) {
					typed.append(random.nextBoolean() ? ' ' : '-');
				}
			}
			assertThat(PickupCodes.normalized(typed.toString(), "code")).isEqualTo(code);
			assertThat(PickupCodes.hash(PickupCodes.normalized(typed.toString(), "code")))
				.isEqualTo(PickupCodes.hash(code));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "--", "ABCD<345", "ÀBCD2345", "ABCD2345ABCD2345ABCD2345ABCD23456" })
	void whatCannotBeACodeIsRefusedNamingTheField(String typed) {
		assertThatThrownBy(() -> PickupCodes.normalized(typed, "code")).isInstanceOf(ProblemException.class)
			.satisfies(ex -> assertThat(((ProblemException) ex).errors().getFirst().field()).isEqualTo("code"));
	}

	@Test
	void theHoldPeriodIsPositiveAndAtMostSixDays() {
		assertThat(new PickupProperties(null, null, null).holdPeriod()).isEqualTo(Duration.ofDays(5));
		assertThat(new PickupProperties(Duration.ofDays(6), null, "https://shop.example/").baseUrl())
			.isEqualTo("https://shop.example");
		assertThatThrownBy(() -> new PickupProperties(Duration.ofDays(7), null, null))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new PickupProperties(Duration.ZERO, null, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
