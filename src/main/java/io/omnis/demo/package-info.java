/**
 * The demo organisation loaded on a first start with {@code omnis.demo.enabled}: a
 * believable retailer generated from a fixed seed, so that a new user sees a living
 * system at once.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel", "staff", "tracking", "inventory", "catalog", "order",
		"fulfilment", "conversation", "knowledge" })
package io.omnis.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
