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
import io.omnis.catalog.internal.ProductStore;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.Ids;
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

	private final Assortment assortment;

	private final PriceStore prices;

	private final Clock clock;

	private final ProductStore products;

	Pricing(ProductStore products, Assortment assortment, PriceStore prices, Clock clock) {
		this.products = products;
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
		String wanted = Fields.required(sku, "sku");
		ChannelId named = channel != null && Ids.isValid(ChannelId.PREFIX, channel) ? new ChannelId(channel) : null;
		ProductStore.Saleable saleable = products.saleable(wanted, named)
			.orElseThrow(() -> new NotFoundException("No variant with SKU '" + sku + "'"));
		ChannelId channelId = channel == null ? null : assortment.channel(channel, "channel");
		if (saleable.status() != ProductStatus.ACTIVE) {
			throw notSellable("sku", "Product '" + saleable.handle() + "' is " + saleable.status() + ", not on sale");
		}
		if (!saleable.soldIn()) {
			throw notSellable("channel",
					"Product '" + saleable.handle() + "' is not in the assortment of channel " + channelId);
		}
		PriceStore.Applicable applicable = prices.applicable(saleable.variant(), code, channelId, when)
			.orElseThrow(() -> notSellable("currency", "No price list in " + code + " valid at " + when
					+ (channelId == null ? "" : " for channel " + channelId) + " prices SKU '" + sku + "'"));
		TaxRate rate = prices.rate(taxCountry, taxRegion, saleable.taxCategory())
			.orElseThrow(() -> notSellable("country", "No tax rate for category '" + saleable.taxCategory() + "' in "
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
		return new PriceQuote(saleable.sku(), saleable.variant(), saleable.product(), channelId, when,
				applicable.list(), listed, rate, net, tax, net.plus(tax));
	}

	private static ProblemException notSellable(String field, String detail) {
		return new ProblemException(ProblemType.NOT_SELLABLE, detail, List.of(new FieldError(field, detail)));
	}

}
