/**
 * The upkeep of Spring Modulith's event publication registry.
 */
@NullMarked
package io.omnis.kernel.events;

import org.jspecify.annotations.NullMarked;
