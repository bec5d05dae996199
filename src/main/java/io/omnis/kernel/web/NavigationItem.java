package io.omnis.kernel.web;

import java.util.List;

/**
 * An entry of the console navigation, contributed as a bean by the module that owns the
 * page.
 *
 * @param label what the menu shows
 * @param path the page's path, under {@code /console}
 * @param order position in the menu, lower first
 * @param permission the permission a user needs to see the entry
 * @param within other path prefixes whose pages belong to this section (a store's work
 * queue to Inventory, say), for the menu to mark it there too
 */
public record NavigationItem(String label, String path, int order, String permission, List<String> within) {

	public NavigationItem {
		within = List.copyOf(within);
	}

	/** An entry whose section is its own path only. */
	public NavigationItem(String label, String path, int order, String permission) {
		this(label, path, order, permission, List.of());
	}

}
