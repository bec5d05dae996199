package io.omnis.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.Fields;
import io.omnis.catalog.internal.PriceStore;
import io.omnis.catalog.internal.ProductStore;
import io.omnis.catalog.internal.QuoteStore;
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

	private final QuoteStore quoteStore;

	Pricing(ProductStore products, Assortment assortment, PriceStore prices, Clock clock, QuoteStore quoteStore) {
		this.quoteStore = quoteStore;
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
		// Each row is read only once the checks before it passed, as the refusals come
		boolean sellable = saleable.status() == ProductStatus.ACTIVE && saleable.soldIn();
		PriceStore.Applicable applicable = sellable
				? prices.applicable(saleable.variant(), code, channelId, when).orElse(null) : null;
		TaxRate rate = applicable == null ? null
				: prices.rate(taxCountry, taxRegion, saleable.taxCategory()).orElse(null);
		return priced(saleable.sku(), saleable.variant(), saleable.product(), saleable.handle(), saleable.status(),
				saleable.soldIn(), saleable.taxCategory(), channelId, code, when, taxCountry, taxRegion, applicable,
				rate);
	}

	/**
	 * The quotes of several SKUs in one statement, as {@link #quote} gives each: a SKU
	 * that cannot be priced is answered with the problem {@link #quote} would throw, so
	 * nothing is thrown and the caller's transaction stays usable. Each answer carries
	 * the SKU's variant (null when there is none).
	 */
	public Map<String, Answer> quoteAll(Collection<String> skus, @Nullable String channel, @Nullable String currency,
			@Nullable String country) {
		Map<String, Answer> answers = new LinkedHashMap<>();
		String code;
		String taxCountry;
		ChannelId channelId;
		ProblemException invalidChannel = null;
		try {
			code = PriceLists.currency(currency, "currency");
			taxCountry = Fields.country(country, "country");
		}
		catch (ProblemException refused) {
			skus.forEach(sku -> answers.put(sku, new Answer(null, null, refused)));
			return answers;
		}
		// Asked, not thrown: a problem thrown through the assortment's proxy would mark
		// the caller's transaction rollback-only
		if (channel != null) {
			invalidChannel = assortment.unknownChannel(channel, "channel");
		}
		channelId = channel == null || invalidChannel != null ? null : new ChannelId(channel);
		Instant when = clock.instant();
		List<String> wanted = skus.stream().filter(sku -> sku != null && !sku.isBlank()).distinct().toList();
		for (QuoteStore.Row row : wanted.isEmpty() ? List.<QuoteStore.Row>of()
				: quoteStore.rows(wanted, channelId, code, when, taxCountry, null)) {
			Variant variant = row.variant();
			if (variant == null) {
				answers.put(row.wanted(),
						new Answer(null, null, new NotFoundException("No variant with SKU '" + row.wanted() + "'")));
				continue;
			}
			if (invalidChannel != null) {
				answers.put(row.wanted(), new Answer(variant, null, invalidChannel));
				continue;
			}
			try {
				answers.put(row.wanted(),
						new Answer(variant,
								priced(variant.sku(), variant.id(), variant.productId(), String.valueOf(row.handle()),
										row.status(), row.soldIn(), variant.taxCategory(), channelId, code, when,
										taxCountry, null, row.applicable(), row.rate()),
								null));
			}
			catch (ProblemException refused) {
				answers.put(row.wanted(), new Answer(variant, null, refused));
			}
		}
		for (String sku : skus) {
			if (!answers.containsKey(sku)) {
				answers.put(sku, new Answer(null, null, ProblemException.invalidField("sku", "is required")));
			}
		}
		return answers;
	}

	/** The refusals in the order {@link #quote} checks, else the price with its tax. */
	private static PriceQuote priced(String sku, VariantId variant, ProductId product, String handle,
			@Nullable ProductStatus status, boolean soldIn, String taxCategory, @Nullable ChannelId channelId,
			String code, Instant when, String taxCountry, @Nullable String taxRegion,
			PriceStore.@Nullable Applicable applicable, @Nullable TaxRate rate) {
		if (status != ProductStatus.ACTIVE) {
			throw notSellable("sku", "Product '" + handle + "' is " + status + ", not on sale");
		}
		if (!soldIn) {
			throw notSellable("channel", "Product '" + handle + "' is not in the assortment of channel " + channelId);
		}
		if (applicable == null) {
			throw notSellable("currency", "No price list in " + code + " valid at " + when
					+ (channelId == null ? "" : " for channel " + channelId) + " prices SKU '" + sku + "'");
		}
		if (rate == null) {
			throw notSellable("country", "No tax rate for category '" + taxCategory + "' in " + taxCountry
					+ (taxRegion == null ? "" : " region " + taxRegion));
		}
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
		return new PriceQuote(sku, variant, product, channelId, when, applicable.list(), listed, rate, net, tax,
				net.plus(tax));
	}

	private static ProblemException notSellable(String field, String detail) {
		return new ProblemException(ProblemType.NOT_SELLABLE, detail, List.of(new FieldError(field, detail)));
	}

	/**
	 * One SKU's answer: its variant when it has one, and its quote or the problem that
	 * refused it.
	 */
	public record Answer(@Nullable Variant variant, @Nullable PriceQuote price, @Nullable ProblemException refusal) {
	}

}
