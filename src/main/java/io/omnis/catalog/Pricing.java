package io.omnis.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.Fields;
import io.omnis.catalog.internal.PriceStore;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Answers what a SKU costs in a channel: the product must be ACTIVE and in the channel's
 * assortment; the price is the one of the list that applies (see
 * {@link PriceStore#applicable}); tax comes from the rate for the variant's category in
 * the country (and region).
 */
@Service
@Transactional(readOnly = true)
public class Pricing {

	private final Catalog catalog;

	private final Assortment assortment;

	private final PriceStore prices;

	private final Clock clock;

	Pricing(Catalog catalog, Assortment assortment, PriceStore prices, Clock clock) {
		this.catalog = catalog;
		this.assortment = assortment;
		this.prices = prices;
		this.clock = clock;
	}

	public PriceQuote quote(@Nullable String sku, @Nullable String channel, @Nullable String currency,
			@Nullable Instant at, @Nullable String country, @Nullable String region) {
		String code = PriceLists.currency(currency, "currency");
		String taxCountry = Fields.country(country, "country");
		String taxRegion = TaxRates.region(region);
		Instant when = at == null ? clock.instant() : at;
		Variant variant = catalog.variant(Fields.required(sku, "sku"))
			.orElseThrow(() -> new NotFoundException("No variant with SKU '" + sku + "'"));
		Product product = catalog.get(variant.productId());
		ChannelId channelId = channel == null ? null : assortment.channel(channel, "channel");
		if (product.status() != ProductStatus.ACTIVE) {
			throw notSellable("sku", "Product '" + product.handle() + "' is " + product.status() + ", not on sale");
		}
		if (channelId != null && !product.soldIn(channelId)) {
			throw notSellable("channel",
					"Product '" + product.handle() + "' is not in the assortment of channel " + channelId);
		}
		PriceStore.Applicable applicable = prices.applicable(variant.id(), code, channelId, when)
			.orElseThrow(() -> notSellable("currency", "No price list in " + code + " valid at " + when
					+ (channelId == null ? "" : " for channel " + channelId) + " prices SKU '" + sku + "'"));
		TaxRate rate = prices.rate(taxCountry, taxRegion, variant.taxCategory())
			.orElseThrow(() -> notSellable("country", "No tax rate for category '" + variant.taxCategory() + "' in "
					+ taxCountry + (taxRegion == null ? "" : " region " + taxRegion)));
		Money listed = applicable.amount();
		Money tax;
		Money net;
		if (applicable.list().taxInclusive()) {
			// gross × rate / (1 + rate), rounded once, half-even
			tax = listed.times(rate.rate().divide(BigDecimal.ONE.add(rate.rate()), MathContext.DECIMAL128));
			net = listed.minus(tax);
		}
		else {
			net = listed;
			tax = listed.times(rate.rate());
		}
		return new PriceQuote(variant.sku(), variant.id(), product.id(), channelId, when, applicable.list(), listed,
				rate, net, tax, net.plus(tax));
	}

	private static ProblemException notSellable(String field, String detail) {
		return new ProblemException(ProblemType.NOT_SELLABLE, detail, List.of(new FieldError(field, detail)));
	}

}
