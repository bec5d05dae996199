/**
 * Shared kernel: typed identifiers, money, problem details, security, idempotency and the
 * database bootstrap that every module builds on.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.omnis.kernel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
