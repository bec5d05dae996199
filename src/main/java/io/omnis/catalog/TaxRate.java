package io.omnis.catalog;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The tax on one category of goods in a country, or in one region of it (Madeira and the
 * Azores have their own): {@code 0.23} is 23 %.
 */
public record TaxRate(String country, @Nullable String region, String category, BigDecimal rate) {
}
