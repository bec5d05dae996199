package io.omnis.catalog;

/**
 * One part of a kit: so many units of another variant, reserved with the kit or not at
 * all.
 */
public record KitComponent(VariantId variantId, String sku, int quantity) {
}
