package io.omnis.kernel;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.omnis.kernel.Money.CurrencyMismatchException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	@Test
	void amountsInOneCurrencyAddSubtractAndMultiply() {
		Money price = Money.of(1999, "EUR");

		assertThat(price.plus(Money.of(1, "EUR"))).isEqualTo(Money.of(2000, "EUR"));
		assertThat(price.minus(Money.of(2000, "EUR"))).isEqualTo(Money.of(-1, "EUR"));
		assertThat(price.minus(Money.of(2000, "EUR")).isNegative()).isTrue();
		assertThat(price.times(3)).isEqualTo(Money.of(5997, "EUR"));
		assertThat(Money.zero("EUR").plus(price)).isEqualTo(price);
		assertThat(price.compareTo(Money.of(2000, "EUR"))).isNegative();
	}

	@Test
	void anAmountReadsAsDecimalsOfItsCurrency() {
		assertThat(Money.of(1230, "EUR").amount()).isEqualByComparingTo("12.30");
		assertThat(Money.of(1230, "EUR")).hasToString("12.30 EUR");
		assertThat(Money.of(1230, "JPY")).hasToString("1230 JPY");
		assertThat(Money.of(1230, "BHD")).hasToString("1.230 BHD");
	}

	@Test
	void combiningTwoCurrenciesIsRefused() {
		Money euros = Money.of(100, "EUR");
		Money dollars = Money.of(100, "USD");

		assertThatExceptionOfType(CurrencyMismatchException.class).isThrownBy(() -> euros.plus(dollars))
			.withMessage("Cannot combine EUR with USD");
		assertThatExceptionOfType(CurrencyMismatchException.class).isThrownBy(() -> euros.minus(dollars));
		assertThatExceptionOfType(CurrencyMismatchException.class).isThrownBy(() -> euros.compareTo(dollars));
	}

	@Test
	void parsingReadsDecimalsInTheCurrencysMinorUnits() {
		assertThat(Money.parse("12.30", "EUR")).isEqualTo(Money.of(1230, "EUR"));
		assertThat(Money.parse("12.3", "EUR")).isEqualTo(Money.of(1230, "EUR"));
		assertThat(Money.parse("12", "EUR")).isEqualTo(Money.of(1200, "EUR"));
		assertThat(Money.parse("-0.01", "EUR")).isEqualTo(Money.of(-1, "EUR"));
		assertThat(Money.parse("1500", "JPY")).isEqualTo(Money.of(1500, "JPY"));
		assertThat(Money.parse("1.234", "BHD")).isEqualTo(Money.of(1234, "BHD"));
	}

	@Test
	void parsingMoreDecimalsThanTheCurrencyHasIsRefusedRatherThanRounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.parse("12.345", "EUR"))
			.withMessageContaining("more decimals");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.parse("0.001", "EUR"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.parse("100.5", "JPY"));
	}

	@Test
	void parsingGarbageOrAnUnknownCurrencyIsRefused() {
		for (String amount : new String[] { "", "abc", "12,30", "12.30 EUR", "NaN", "0x10" }) {
			assertThatIllegalArgumentException().as(amount).isThrownBy(() -> Money.parse(amount, "EUR"));
		}
		for (String currency : new String[] { "", "EU", "EURO", "eur", "ZZZ" }) {
			assertThatIllegalArgumentException().as(currency).isThrownBy(() -> Money.of(1, currency));
		}
	}

	@Test
	void amountsTooLargeForMinorUnitsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.parse("92233720368547758.08", "EUR"))
			.withMessageContaining("too large");
		assertThat(Money.parse("92233720368547758.07", "EUR")).isEqualTo(Money.of(Long.MAX_VALUE, "EUR"));
	}

	@Test
	void arithmeticThatOverflowsIsRefusedRatherThanWrappingAround() {
		Money most = Money.of(Long.MAX_VALUE, "EUR");

		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> most.plus(Money.of(1, "EUR")));
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> Money.of(Long.MIN_VALUE, "EUR").minus(Money.of(1, "EUR")));
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> most.times(2));
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> most.times(new BigDecimal("1.5")));
	}

	@Test
	void multiplyingByARateRoundsHalfToEvenToTheMinorUnit() {
		assertThat(Money.of(250, "EUR").times(new BigDecimal("0.01"))).isEqualTo(Money.of(2, "EUR"));
		assertThat(Money.of(350, "EUR").times(new BigDecimal("0.01"))).isEqualTo(Money.of(4, "EUR"));
		assertThat(Money.of(-250, "EUR").times(new BigDecimal("0.01"))).isEqualTo(Money.of(-2, "EUR"));
		assertThat(Money.of(251, "EUR").times(new BigDecimal("0.01"))).isEqualTo(Money.of(3, "EUR"));
		assertThat(Money.of(1999, "EUR").times(new BigDecimal("0.23"))).isEqualTo(Money.of(460, "EUR"));
		assertThat(Money.of(1000, "EUR").times(BigDecimal.ONE)).isEqualTo(Money.of(1000, "EUR"));
	}

}
