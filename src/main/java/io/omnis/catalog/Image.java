package io.omnis.catalog;

/**
 * A picture of a product, by URL, with the text that stands for it when it is not seen.
 */
public record Image(String url, String alt) {
}
