/**
 * The channel registry: every touchpoint through which customers reach the organisation
 * (web shop, app, store tills, call centre, email, SMS, chat, social, kiosk, marketplace)
 * with its credentials.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "kernel")
package io.omnis.channel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
