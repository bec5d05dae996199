package io.omnis.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.omnis.channel.ChannelId;

/**
 * Something the organisation sells, with its default title and description, its variants
 * and the channels that sell it ({@code allChannels}, or the listed ones).
 */
public record Product(ProductId id, String handle, ProductStatus status, String title, String description,
		Map<String, Object> attributes, List<Image> images, boolean allChannels, List<ChannelId> channels,
		List<Variant> variants, Instant createdAt, Instant updatedAt) {

	/** Whether the assortment includes the channel. */
	public boolean soldIn(ChannelId channel) {
		return allChannels || channels.contains(channel);
	}

}
