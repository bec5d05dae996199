/**
 * Orders: carts that follow the customer across channels, checkout with payment, the
 * order lifecycle, till sales, and one order history per customer.
 */
@NullMarked
@ApplicationModule(
		allowedDependencies = { "kernel", "channel", "catalog", "inventory", "customer", "conversation", "fulfilment" })
package io.omnis.order;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
