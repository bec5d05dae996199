/**
 * Returns, exchanges and store credit: a return of an order from any channel started in
 * any channel, received at a location (restocked, written off or sent to a warehouse),
 * and resolved by a refund, store credit or an exchanged item routed like an order.
 */
@NullMarked
@ApplicationModule(
		allowedDependencies = { "kernel", "channel", "order", "inventory", "fulfilment", "customer", "catalog" })
package io.omnis.returns;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
