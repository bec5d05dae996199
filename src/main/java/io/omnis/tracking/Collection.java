package io.omnis.tracking;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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

	/**
	 * Stores one Segment-spec message as received through a channel.
	 * @return whether it was stored now: false when it was dropped, or was a duplicate of
	 * a message already stored (its {@code messageId} from the same channel)
	 */
	public boolean record(String channelId, ObjectNode message) {
		return record(channelId, List.of(message)).accepted() == 1;
	}

}
