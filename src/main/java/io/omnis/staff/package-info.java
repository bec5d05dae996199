/**
 * The organisation's people who use the console (administrators, agents, store
 * associates, marketers, analysts), their roles and their sign-in.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "kernel")
package io.omnis.staff;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
