package io.omnis.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.ContentStore;
import io.omnis.catalog.internal.Fields;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.problem.NotFoundException;

/**
 * What each channel says about a product, per locale, so that the app, the web shop and
 * the shelf label agree: a channel's own words for a locale, else the words for the
 * locale, else the product's default title and description. Texts are plain, never HTML.
 */
@Service
@Transactional
public class Contents {

	private final ContentStore store;

	private final Catalog catalog;

	private final Assortment assortment;

	Contents(ContentStore store, Catalog catalog, Assortment assortment) {
		this.store = store;
		this.catalog = catalog;
		this.assortment = assortment;
	}

	public Content put(ProductId product, @Nullable String channel, @Nullable String locale, @Nullable String title,
			@Nullable String description) {
		catalog.get(product);
		Content content = new Content(channel == null ? null : assortment.channel(channel, "channel"),
				Fields.locale(locale, "locale"), Fields.title(title, "title"),
				Fields.description(description, "description"));
		store.put(product, content);
		return content;
	}

	public void remove(ProductId product, @Nullable String channel, @Nullable String locale) {
		ChannelId channelId = channel == null ? null : assortment.channel(channel, "channel");
		if (!store.remove(catalog.get(product).id(), channelId, Fields.locale(locale, "locale"))) {
			throw new NotFoundException("No content for locale '" + locale + "'"
					+ (channel == null ? "" : " in channel '" + channel + "'"));
		}
	}

	@Transactional(readOnly = true)
	public List<Content> of(ProductId product) {
		catalog.get(product);
		return store.of(product);
	}

	/**
	 * The content to show in the channel (or anywhere, when null) for the locale (or the
	 * default, when null), following the fallback chain.
	 */
	@Transactional(readOnly = true)
	public Content resolve(ProductId id, @Nullable String channel, @Nullable String locale) {
		Product product = catalog.get(id);
		ChannelId channelId = channel == null ? null : assortment.channel(channel, "channel");
		if (locale != null) {
			var found = store.closest(id, channelId, Fields.locale(locale, "locale"));
			if (found.isPresent()) {
				return found.get();
			}
		}
		return new Content(null, null, product.title(), product.description());
	}

}
