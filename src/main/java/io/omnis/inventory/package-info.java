/**
 * Inventory: the locations that hold stock, stock per SKU and location with its
 * append-only ledger, ring-fencing for channels, reservations that never oversell, and
 * availability per channel.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel" })
package io.omnis.inventory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
