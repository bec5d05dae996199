package io.omnis.tracking;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

import io.omnis.tracking.internal.Collector;
import io.omnis.tracking.internal.Envelope;

/**
 * Event collection for modules that hear from customers themselves (a chat message, an
 * e-mail): their messages take the same path, checks and identity rules as those sent to
 * the Tracking API.
 */
@Service("trackingCollection")
public class Collection {

	private final Collector collector;

	Collection(Collector collector) {
		this.collector = collector;
	}

	/**
	 * Stores one Segment-spec message as received through a channel.
	 * @return whether it was stored now: false when it was dropped, or was a duplicate of
	 * a message already stored (its {@code messageId} from the same channel)
	 */
	public boolean record(String channelId, ObjectNode message) {
		return collector.collect(channelId, new Envelope(null, List.of(message), null, null, null), null)
			.accepted() == 1;
	}

}
