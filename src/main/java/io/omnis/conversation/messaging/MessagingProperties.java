package io.omnis.conversation.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging webhooks and providers
 * ({@code omnis.conversation.messaging.*}); the credentials are per channel.
 *
 * @param publicUrl the address providers call Omnis at (https://omnis.example.com), when
 * it differs from what requests show behind a proxy: Twilio signs the URL it called, and
 * status callbacks are sent there; empty: the request's own URL
 * @param timeout how long a call to a provider may take
 * @param maxWebhook the largest webhook body read, in bytes
 * @param claimTimeout how long a webhook being taken in holds its message id before a
 * retry may take it over (after a crash)
 */
@ConfigurationProperties("omnis.conversation.messaging")
public record MessagingProperties(@DefaultValue("") String publicUrl, @DefaultValue("10s") Duration timeout,
		@DefaultValue("65536") int maxWebhook, @DefaultValue("2m") Duration claimTimeout) {
}
