/**
 * Fulfilment: decides which location serves each line of an order and how (ship, pick up,
 * same day, curbside), holds the stock where it decided, re-routes a line a location
 * rejects, and gives each location its queue of work.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel", "inventory", "catalog" })
package io.omnis.fulfilment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
