package io.omnis.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery settings ({@code omnis.webhook.*}).
 *
 * @param pollInterval how often each node looks for deliveries due
 * @param batch how many deliveries one look claims
 * @param initialBackoff the wait after the first failed attempt; it doubles after each
 * @param maxBackoff the longest wait between two attempts
 * @param giveUpAfter how long after the event a failing delivery is retried (at least a
 * day)
 * @param timeout how long an endpoint may take to answer
 * @param lease how long a claimed delivery stays hidden from other nodes while it is sent
 */
@ConfigurationProperties("omnis.webhook")
public record WebhookProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("50") int batch,
		@DefaultValue("5s") Duration initialBackoff, @DefaultValue("4h") Duration maxBackoff,
		@DefaultValue("26h") Duration giveUpAfter, @DefaultValue("10s") Duration timeout,
		@DefaultValue("2m") Duration lease) {

	/** The wait after the given number of failed attempts: doubling, capped. */
	public Duration backoff(int failedAttempts) {
		Duration delay = initialBackoff;
		for (int i = 1; i < failedAttempts && delay.compareTo(maxBackoff) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
	}

}
