package io.omnis.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and policies of event collection ({@code omnis.tracking.*}).
 *
 * @param maxMessage largest single message; larger ones are dropped (Segment: 32 KB)
 * @param maxRequest largest request body; larger requests get 400 (Segment: 500 KB)
 * @param maxBatch most messages in one batch; more get 400 (Segment: 2,500)
 * @param maxTraits a message with this many traits or more is dropped (Segment: 300)
 * @param maxConcurrentRequests collection requests handled at once per node; more wait
 * briefly, then 429
 * @param maxResolutionLag how long the oldest event may wait for identity resolution
 * before collection answers 429 until resolution catches up (read every 500 ms); it
 * bounds how far behind resolution gets before collection pushes back, not how long the
 * events already accepted then take on a starved machine
 * @param consentDenied what happens to a message whose consent denies analytics
 */
@ConfigurationProperties("omnis.tracking")
public record TrackingProperties(@DefaultValue("32KB") DataSize maxMessage, @DefaultValue("500KB") DataSize maxRequest,
		@DefaultValue("2500") int maxBatch, @DefaultValue("300") int maxTraits,
		@DefaultValue("32") int maxConcurrentRequests, @DefaultValue("800ms") java.time.Duration maxResolutionLag,
		@DefaultValue("DROP") ConsentDenied consentDenied) {

	/**
	 * Keeping what the law allows of a message whose sender denied analytics.
	 */
	public enum ConsentDenied {

		/**
		 * Keep only the consent choice itself (so that it is honoured), drop the event.
		 */
		DROP,

		/**
		 * Keep the event for aggregate counts, without any identifier, IP or user agent.
		 */
		ANONYMIZE

	}

}
