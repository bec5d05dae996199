/**
 * The knowledge base: help articles with categories and locales, a short form for SMS and
 * chat, full-text search in each locale's language, and the public help centre.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel" })
package io.omnis.knowledge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
