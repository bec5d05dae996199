package io.omnis.bench;

/**
 * The workloads of issue 7 whose modules do not exist yet. The suite lists each one as
 * pending until a {@link Workload} of the same name is written, so that nobody mistakes a
 * missing row for a measured one.
 *
 * @param name the row's name the workload will have
 * @param module the module it needs ({@code io.omnis.<module>})
 * @param operation what it will measure
 * @param baseline the database primitive it will be compared with
 */
record Planned(String name, String module, String operation, String baseline) {

	static final Planned[] ALL = {
			new Planned("event-collection", "tracking", "POST /v1/batch of tracking events",
					"batched JDBC insert of the same rows"),
			new Planned("profile-lookup", "customer", "GET a customer profile by id or identifier",
					"indexed SELECT of the profile row"),
			new Planned("availability", "inventory", "availability of a SKU for a channel",
					"indexed SELECT of the stock rows"),
			new Planned("checkout", "order", "a complete checkout: cart, pricing, reservation, order",
					"the same rows inserted in one transaction"),
			new Planned("reservation-contention", "inventory", "reserving one SKU from two Omnis nodes at once",
					"conditional single-row UPDATE"),
			new Planned("routing", "fulfilment", "routing decision for an order",
					"indexed SELECT of candidate locations"),
			new Planned("inbox-delivery", "conversation",
					"latency from an inbound message to an agent's open connection", "INSERT plus NOTIFY/LISTEN") };

	/** Whether the module's package is on the class path already. */
	boolean moduleExists() {
		return Planned.class.getClassLoader().getResource("io/omnis/" + module + "/package-info.class") != null;
	}

	String status() {
		return moduleExists() ? "pending: " + module + " module exists, workload not written yet"
				: "pending: " + module + " module not built yet";
	}

}
