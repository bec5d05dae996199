/**
 * What is sold: products and their variants (kits included), the price lists and tax
 * rates that price them, which channels sell them, and the words each channel shows for
 * them.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel" })
package io.omnis.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
