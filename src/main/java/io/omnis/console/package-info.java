/**
 * The console shell: sign-in, the layout and navigation that every module's pages live
 * in, and the home page with the organisation's channels and the system's health.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel" })
package io.omnis.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
