/**
 * Omnis application root; every direct sub-package is one application module.
 */
@NullMarked
package io.omnis;

import org.jspecify.annotations.NullMarked;
