package io.omnis.catalog;

/**
 * What an import wrote: every row was valid, and each is now a created or updated
 * variant.
 */
public record ImportResult(long rows, long productsCreated, long productsUpdated, long variantsCreated,
		long variantsUpdated, long pricesSet) {
}
