package io.omnis.order.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.catalog.Catalog;
import io.omnis.catalog.PriceQuote;
import io.omnis.catalog.Pricing;
import io.omnis.catalog.Variant;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Asks the catalog what a SKU costs now. A refusal is an answer here, not a failure: the
 * question runs in a savepoint, so a SKU no longer sold leaves the surrounding
 * transaction (a cart being read, an order being placed) usable.
 */
@Component
public class Quotes {

	private final Pricing pricing;

	private final Catalog catalog;

	private final TransactionTemplate savepoint;

	Quotes(Pricing pricing, Catalog catalog, PlatformTransactionManager transactions) {
		this.pricing = pricing;
		this.catalog = catalog;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * The quote, or why there is none. Asked again in the same transaction (a cart view
	 * after a write, a checkout pricing what it just planned) it is answered from that
	 * transaction's memo: the catalog is asked once per SKU, channel, currency and
	 * country.
	 */
	public Quote quote(String sku, ChannelId channel, String currency, String country) {
		Map<Object, Object> memo = TransactionMemo.of(this);
		QuoteKey key = new QuoteKey(sku, channel, currency, country);
		Object known = memo.get(key);
		if (known != null) {
			return (Quote) known;
		}
		Quote quote = ask(sku, channel, currency, country);
		memo.put(key, quote);
		return quote;
	}

	/**
	 * Asks the catalog, in one statement, for the quotes and variants of the SKUs this
	 * transaction has not asked about yet; {@link #quote} and {@link #variant} then
	 * answer them from the memo. The answers are the ones each question alone would get.
	 */
	public void prefetch(Collection<String> skus, ChannelId channel, String currency, String country) {
		Map<Object, Object> memo = TransactionMemo.of(this);
		List<String> missing = skus.stream()
			.distinct()
			.filter(sku -> !memo.containsKey(new QuoteKey(sku, channel, currency, country))
					|| !memo.containsKey(new VariantKey(sku)))
			.toList();
		if (missing.isEmpty()) {
			return;
		}
		pricing.quoteAll(missing, channel.value(), currency, country).forEach((sku, answer) -> {
			memo.putIfAbsent(new QuoteKey(sku, channel, currency, country),
					new Quote(answer.price(), answer.refusal()));
			// No variant is an answer only when the catalog said so, not when the
			// question
			// was refused before it looked
			if (answer.variant() != null || answer.refusal() instanceof NotFoundException) {
				memo.putIfAbsent(new VariantKey(sku), Optional.ofNullable(answer.variant()));
			}
		});
	}

	private Quote ask(String sku, ChannelId channel, String currency, String country) {
		return savepoint.execute(status -> {
			try {
				return new Quote(pricing.quote(sku, channel.value(), currency, null, country, null), null);
			}
			catch (ProblemException refused) {
				status.setRollbackOnly();
				return new Quote(null, refused);
			}
		});
	}

	/** The quote, or the catalog's refusal as a problem naming the given field. */
	public PriceQuote require(String sku, ChannelId channel, String currency, String country, String field) {
		if (variant(sku) == null) {
			throw unknownSku(sku, field);
		}
		Quote quote = quote(sku, channel, currency, country);
		if (quote.refusal() != null) {
			ProblemException refusal = quote.refusal();
			throw new ProblemException(refusal.type(), refusal.getMessage(),
					List.of(new FieldError(field, String.valueOf(refusal.getMessage()))));
		}
		return quote.price();
	}

	public static ProblemException unknownSku(String sku, String field) {
		return new ProblemException(ProblemType.NOT_FOUND, "No variant with SKU '" + abbreviate(sku) + "'",
				List.of(new FieldError(field, "is not a known SKU")));
	}

	/** The variant of the SKU, read once per transaction. */
	public @Nullable Variant variant(String sku) {
		Map<Object, Object> memo = TransactionMemo.of(this);
		VariantKey key = new VariantKey(sku);
		Object known = memo.get(key);
		if (known != null) {
			return ((Optional<?>) known).map(Variant.class::cast).orElse(null);
		}
		Optional<Variant> variant = catalog.variant(sku);
		memo.put(key, variant);
		return variant.orElse(null);
	}

	private static String abbreviate(String text) {
		return text.length() <= 64 ? text : text.substring(0, 64) + "…";
	}

	private record QuoteKey(String sku, ChannelId channel, String currency, String country) {
	}

	private record VariantKey(String sku) {
	}

	/** A price, or the catalog's reason for not giving one. */
	public record Quote(@Nullable PriceQuote price, @Nullable ProblemException refusal) {
	}

}
