package io.omnis.kernel.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of console users, each a fixed set of permissions.
 */
public enum Role {

	ADMINISTRATOR(EnumSet.allOf(Permission.class)),

	AGENT(EnumSet.of(Permission.CHANNELS_READ, Permission.PROFILES_READ, Permission.PROFILES_WRITE,
			Permission.INVENTORY_READ, Permission.RESERVATIONS_WRITE, Permission.CATALOG_READ,
			Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE, Permission.ORDERS_READ)),

	STORE_ASSOCIATE(EnumSet.of(Permission.CHANNELS_READ, Permission.PROFILES_READ, Permission.INVENTORY_READ,
			Permission.INVENTORY_WRITE, Permission.RESERVATIONS_WRITE, Permission.CATALOG_READ, Permission.CARTS_WRITE,
			Permission.ORDERS_READ, Permission.ORDERS_WRITE, Permission.ORDERS_MANAGE)),

	/** Merchandisers too: they write the catalog's content, prices and assortment. */
	MARKETER(EnumSet.of(Permission.CHANNELS_READ, Permission.PROFILES_READ, Permission.TRACKING_READ,
			Permission.CATALOG_READ, Permission.CATALOG_WRITE)),

	ANALYST(EnumSet.of(Permission.CHANNELS_READ, Permission.PROFILES_READ, Permission.TRACKING_READ,
			Permission.METRICS_READ, Permission.INVENTORY_READ, Permission.CATALOG_READ));

	private final Set<Permission> permissions;

	Role(Set<Permission> permissions) {
		this.permissions = Set.copyOf(permissions);
	}

	public Set<Permission> permissions() {
		return permissions;
	}

	/** The role's name as shown to people: "Store associate". */
	public String label() {
		String words = name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
