package io.omnis.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.ProductStore;
import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * Which channels sell which products: every channel by default, or only those listed. A
 * product outside a channel's assortment cannot be priced, and so not sold, there.
 */
@Service
@Transactional
public class Assortment {

	private final ProductStore store;

	private final Catalog catalog;

	private final Channels channels;

	Assortment(ProductStore store, Catalog catalog, Channels channels) {
		this.store = store;
		this.catalog = catalog;
		this.channels = channels;
	}

	/**
	 * Sells the product in every channel ({@code allChannels}), or in the listed ones
	 * only.
	 */
	public Product assort(ProductId id, boolean allChannels, @Nullable List<String> channelIds) {
		store.find(id, true).orElseThrow(() -> new NotFoundException("product", id.value()));
		List<ChannelId> listed = new ArrayList<>();
		if (channelIds != null) {
			if (allChannels && !channelIds.isEmpty()) {
				throw ProblemException.invalidField("channels", "must be empty when allChannels is true");
			}
			Set<ChannelId> unique = new LinkedHashSet<>();
			for (int i = 0; i < channelIds.size(); i++) {
				unique.add(channel(channelIds.get(i), "channels[" + i + "]"));
			}
			listed.addAll(unique);
		}
		store.assort(id, allChannels, allChannels ? List.of() : listed);
		return catalog.get(id);
	}

	/**
	 * The id of an existing channel, or a problem naming the field that gave an unknown
	 * one.
	 */
	public ChannelId channel(@Nullable String id, String field) {
		ProblemException unknown = unknownChannel(id, field);
		if (unknown != null || id == null) {
			throw unknown != null ? unknown : ProblemException.invalidField(field, "names no channel: 'null'");
		}
		return new ChannelId(id);
	}

	/**
	 * The problem {@link #channel} throws for an id that names no channel, answered
	 * instead (null for a channel that exists), so that a caller's transaction stays
	 * usable.
	 */
	@Nullable ProblemException unknownChannel(@Nullable String id, String field) {
		if (id == null || !Ids.isValid(ChannelId.PREFIX, id) || !channels.exists(new ChannelId(id))) {
			return ProblemException.invalidField(field, "names no channel: '" + abbreviate(id) + "'");
		}
		return null;
	}

	private static String abbreviate(@Nullable String text) {
		return text == null ? "null" : text.length() <= 64 ? text : text.substring(0, 64) + "…";
	}

}
