package io.omnis.catalog;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One sellable unit of a product: its SKU, its GTIN when it has one, the option values
 * that tell it from its siblings (size, colour), and, for a kit, its components.
 */
public record Variant(VariantId id, ProductId productId, String sku, @Nullable String barcode,
		Map<String, String> options, @Nullable Integer weightGrams, String taxCategory, List<KitComponent> components) {

	public boolean isKit() {
		return !components.isEmpty();
	}

}
