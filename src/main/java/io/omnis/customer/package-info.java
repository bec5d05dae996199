/**
 * One customer across every channel: the identity graph that resolves collected events
 * into profiles, the profiles with their traits and facts, the cross-channel timeline and
 * the consent ledger.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel", "tracking" })
package io.omnis.customer;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
