package io.omnis.kernel.security;

/**
 * What a console user (through a role) or an API key (through its scopes) may do. Each
 * endpoint names the one permission it needs, as the authority string
 * {@link #authority()}.
 */
public enum Permission {

	/** See channels and their key metadata. */
	CHANNELS_READ("channels:read"),

	/** Create, rename, disable channels; create, rotate and revoke their keys. */
	CHANNELS_MANAGE("channels:manage"),

	/** Manage console users and their roles. */
	STAFF_MANAGE("staff:manage"),

	/** Look customers up and read their profile, timeline and consent. */
	PROFILES_READ("profiles:read"),

	/** Record consent and other statements on a customer's behalf. */
	PROFILES_WRITE("profiles:write"),

	/** Undo a merge by removing an identifier from a profile. */
	PROFILES_MERGE("profiles:merge"),

	/**
	 * Erase a customer at her request, with what every module holds of her (only
	 * administrators, or a key given this scope).
	 */
	PROFILES_ERASE("profiles:erase"),

	/**
	 * Export everything Omnis holds of a customer, for her access request (only
	 * administrators, or a key given this scope).
	 */
	PROFILES_EXPORT("profiles:export"),

	/** See collection statistics and the last messages of each source. */
	TRACKING_READ("tracking:read"),

	/** Send customer events (the public write keys of browsers and apps). */
	EVENTS_WRITE("events:write"),

	/** See conversations, their messages and the agents' presence. */
	CONVERSATIONS_READ("conversations:read"),

	/**
	 * Answer customers, write private notes, assign, resolve and reopen conversations.
	 */
	CONVERSATIONS_WRITE("conversations:write"),

	/** Set agents' capacities and take agents offline. */
	CONVERSATIONS_MANAGE("conversations:manage"),

	/** Read the Prometheus metrics. */
	METRICS_READ("metrics:read"),

	/** See locations, stock, its ledger, allocations, availability and reservations. */
	INVENTORY_READ("inventory:read"),

	/**
	 * Record stock movements (receipts, sales, counts, transfers) and set safety stock.
	 */
	INVENTORY_WRITE("inventory:write"),

	/** Create and change locations; ring-fence stock for channels. */
	INVENTORY_MANAGE("inventory:manage"),

	/** Hold, adjust, release and consume reservations of stock. */
	RESERVATIONS_WRITE("reservations:write"),

	/** See products, variants, prices, tax rates, assortment and content; export them. */
	CATALOG_READ("catalog:read"),

	/** Change products, prices, tax rates, assortment and content; import them. */
	CATALOG_WRITE("catalog:write"),

	/** Create and change carts, hand them over, check them out (channel backends). */
	CARTS_WRITE("carts:write"),

	/** See orders and customers' order history. */
	ORDERS_READ("orders:read"),

	/** Pay and cancel orders, record till sales. */
	ORDERS_WRITE("orders:write"),

	/**
	 * Move orders through allocation, fulfilment and completion; set channels'
	 * reservation policies.
	 */
	ORDERS_MANAGE("orders:manage");

	private final String authority;

	Permission(String authority) {
		this.authority = authority;
	}

	public String authority() {
		return authority;
	}

	public static Permission fromAuthority(String authority) {
		for (Permission permission : values()) {
			if (permission.authority.equals(authority)) {
				return permission;
			}
		}
		throw new IllegalArgumentException("Unknown permission '" + authority + "'");
	}

}
