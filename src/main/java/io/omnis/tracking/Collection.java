package io.omnis.tracking;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

import io.omnis.tracking.internal.Collector;
import io.omnis.tracking.internal.Envelope;

/**
 * Collection for code inside Omnis: messages in the Segment spec recorded for a channel
 * exactly as if they had arrived through {@code /v1/batch} (same checks, drops,
 * deduplication and resolution).
 */
@Service
public class Collection {

	private final Collector collector;

	Collection(Collector collector) {
		this.collector = collector;
	}

	/**
	 * Records messages from a channel.
	 * @return how many were stored and how many dropped
	 */
	public Collected record(String channelId, List<? extends JsonNode> messages) {
		return collector.collect(channelId, new Envelope(null, List.copyOf(messages), null, null, null), null);
	}

}
