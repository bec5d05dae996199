/**
 * Event collection: accepts customer events from every channel through the
 * Segment-compatible HTTP Tracking API, stores them durably in batches and hands them to
 * identity resolution.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel" })
package io.omnis.tracking;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
