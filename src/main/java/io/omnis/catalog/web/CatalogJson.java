package io.omnis.catalog.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.omnis.catalog.Content;
import io.omnis.catalog.Image;
import io.omnis.catalog.KitComponent;
import io.omnis.catalog.Price;
import io.omnis.catalog.PriceList;
import io.omnis.catalog.PriceQuote;
import io.omnis.catalog.Product;
import io.omnis.catalog.ProductStatus;
import io.omnis.catalog.TaxRate;
import io.omnis.catalog.Variant;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * The JSON shapes of the catalog API. Money is a whole number of minor units with its
 * currency ({@code {"amount": 1230, "currency": "EUR"}} is 12.30 €); answers add the
 * decimal for people.
 */
final class CatalogJson {

	private CatalogJson() {
	}

	record ProductView(String id, String handle, ProductStatus status, String title, String description,
			Map<String, Object> attributes, List<Image> images, boolean allChannels, List<String> channels,
			List<VariantView> variants, Instant createdAt, Instant updatedAt) {

		static ProductView of(Product p) {
			return new ProductView(p.id().value(), p.handle(), p.status(), p.title(), p.description(), p.attributes(),
					p.images(), p.allChannels(), ids(p.channels()), p.variants().stream().map(VariantView::of).toList(),
					p.createdAt(), p.updatedAt());
		}

	}

	record VariantView(String id, String sku, @Nullable String barcode, Map<String, String> options,
			@Nullable Integer weightGrams, String taxCategory, List<ComponentView> components) {

		static VariantView of(Variant v) {
			return new VariantView(v.id().value(), v.sku(), v.barcode(), v.options(), v.weightGrams(), v.taxCategory(),
					v.components().stream().map(ComponentView::of).toList());
		}

	}

	record ComponentView(String variantId, String sku, int quantity) {

		static ComponentView of(KitComponent c) {
			return new ComponentView(c.variantId().value(), c.sku(), c.quantity());
		}

	}

	record AssortmentView(String productId, boolean allChannels, List<String> channels) {

		static AssortmentView of(Product p) {
			return new AssortmentView(p.id().value(), p.allChannels(), ids(p.channels()));
		}

	}

	record Assort(@Nullable Boolean allChannels, @Nullable List<String> channels) {
	}

	record ContentView(@Nullable String channel, @Nullable String locale, String title, String description,
			String level) {

		static ContentView of(Content c) {
			return new ContentView(c.channel() == null ? null : c.channel().value(), c.locale(), c.title(),
					c.description(), c.level());
		}

	}

	record PutContent(@Nullable String channel, @Nullable String locale, @Nullable String title,
			@Nullable String description) {
	}

	record MoneyView(long amount, String currency, String decimal) {

		static MoneyView of(Money m) {
			return new MoneyView(m.minorUnits(), m.currency().getCurrencyCode(), m.amount().toPlainString());
		}

	}

	record SetPrice(@Nullable Long amount, @Nullable String currency) {
	}

	record PriceView(String priceListId, String variantId, String sku, MoneyView price) {

		static PriceView of(Price p) {
			return new PriceView(p.priceListId().value(), p.variantId().value(), p.sku(), MoneyView.of(p.amount()));
		}

	}

	record PriceListView(String id, String name, String currency, List<String> channels, @Nullable Instant validFrom,
			@Nullable Instant validUntil, boolean taxInclusive, int priority, Instant createdAt, Instant updatedAt) {

		static PriceListView of(PriceList l) {
			return new PriceListView(l.id().value(), l.name(), l.currency(), ids(l.channels()), l.validFrom(),
					l.validUntil(), l.taxInclusive(), l.priority(), l.createdAt(), l.updatedAt());
		}

	}

	record TaxRateView(String country, @Nullable String region, String category, BigDecimal rate) {

		static TaxRateView of(TaxRate r) {
			return new TaxRateView(r.country(), r.region(), r.category(), r.rate());
		}

	}

	record QuoteView(String sku, String variantId, String productId, @Nullable String channel, Instant at,
			PriceListView priceList, boolean taxInclusive, MoneyView listed, TaxRateView taxRate, MoneyView net,
			MoneyView tax, MoneyView gross) {

		static QuoteView of(PriceQuote q) {
			return new QuoteView(q.sku(), q.variantId().value(), q.productId().value(),
					q.channel() == null ? null : q.channel().value(), q.at(), PriceListView.of(q.priceList()),
					q.priceList().taxInclusive(), MoneyView.of(q.listed()), TaxRateView.of(q.taxRate()),
					MoneyView.of(q.net()), MoneyView.of(q.tax()), MoneyView.of(q.gross()));
		}

	}

	private static List<String> ids(List<ChannelId> channels) {
		return channels.stream().map(ChannelId::value).toList();
	}

}
