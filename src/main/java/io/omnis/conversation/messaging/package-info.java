/**
 * SMS and WhatsApp messages in Twilio's format, and Messenger and Instagram messages in
 * Meta's: signed inbound webhooks, answers through a provider, delivery statuses, and the
 * STOP and START keywords that change a customer's SMS consent.
 */
@NullMarked
package io.omnis.conversation.messaging;

import org.jspecify.annotations.NullMarked;
