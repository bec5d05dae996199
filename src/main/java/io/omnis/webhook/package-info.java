/**
 * Webhooks out: conversation and message events delivered to subscribed URLs, signed per
 * the Standard Webhooks scheme, from an outbox that retries with exponential backoff for
 * more than a day and records every attempt.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "channel", "conversation", "customer" })
package io.omnis.webhook;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
