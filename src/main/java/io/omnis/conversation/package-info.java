/**
 * One conversation with a customer across channels: threads of messages from the web chat
 * and e-mail attached to her profile, the agents who answer them with their presence and
 * capacity, and the routing that gives new work to the least-loaded online agent.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel", "customer", "tracking", "staff", "knowledge" })
package io.omnis.conversation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
