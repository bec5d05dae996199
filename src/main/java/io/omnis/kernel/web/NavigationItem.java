package io.omnis.kernel.web;

/**
 * An entry of the console navigation, contributed as a bean by the module that owns the
 * page.
 *
 * @param label what the menu shows
 * @param path the page's path, under {@code /console}
 * @param order position in the menu, lower first
 * @param permission the permission a user needs to see the entry
 */
public record NavigationItem(String label, String path, int order, String permission) {
}
