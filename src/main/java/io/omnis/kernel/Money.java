package io.omnis.kernel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money: a whole number of minor units (cents) in an ISO 4217 currency.
 * <p>
 * Arithmetic refuses to mix currencies, and conversions from decimals refuse to round
 * silently.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

	public Money {
		Objects.requireNonNull(currency, "currency");
	}

	public static Money of(long minorUnits, String currencyCode) {
		return new Money(minorUnits, currency(currencyCode));
	}

	public static Money zero(String currencyCode) {
		return of(0, currencyCode);
	}

	/**
	 * Money from a decimal amount such as {@code 12.30}.
	 * @throws IllegalArgumentException if the amount has more decimals than the currency
	 * allows
	 */
	public static Money parse(String amount, String currencyCode) {
		Currency currency = currency(currencyCode);
		BigDecimal decimal;
		try {
			decimal = new BigDecimal(amount);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + amount + "' is not a decimal amount");
		}
		try {
			return new Money(decimal.movePointRight(fractionDigits(currency)).longValueExact(), currency);
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException(
					"'" + amount + "' has more decimals than " + currency + " allows, or is too large");
		}
	}

	public Money plus(Money other) {
		return new Money(Math.addExact(minorUnits, sameCurrency(other).minorUnits), currency);
	}

	public Money minus(Money other) {
		return new Money(Math.subtractExact(minorUnits, sameCurrency(other).minorUnits), currency);
	}

	public Money times(long quantity) {
		return new Money(Math.multiplyExact(minorUnits, quantity), currency);
	}

	/**
	 * This amount multiplied by a rate (a tax rate, a discount), rounded half-even to the
	 * minor unit.
	 */
	public Money times(BigDecimal rate) {
		BigDecimal product = BigDecimal.valueOf(minorUnits).multiply(rate).setScale(0, RoundingMode.HALF_EVEN);
		return new Money(product.longValueExact(), currency);
	}

	public boolean isNegative() {
		return minorUnits < 0;
	}

	public BigDecimal amount() {
		return BigDecimal.valueOf(minorUnits, fractionDigits(currency));
	}

	@Override
	public int compareTo(Money other) {
		return Long.compare(minorUnits, sameCurrency(other).minorUnits);
	}

	@Override
	public String toString() {
		return amount().toPlainString() + " " + currency.getCurrencyCode();
	}

	private Money sameCurrency(Money other) {
		if (!currency.equals(other.currency)) {
			throw new CurrencyMismatchException(currency, other.currency);
		}
		return other;
	}

	private static int fractionDigits(Currency currency) {
		return Math.max(0, currency.getDefaultFractionDigits());
	}

	private static Currency currency(String code) {
		try {
			if (code.length() != 3) {
				throw new IllegalArgumentException();
			}
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code");
		}
	}

	/**
	 * Thrown when amounts in two different currencies are combined.
	 */
	public static class CurrencyMismatchException extends IllegalArgumentException {

		public CurrencyMismatchException(Currency left, Currency right) {
			super("Cannot combine " + left.getCurrencyCode() + " with " + right.getCurrencyCode());
		}

	}

}
