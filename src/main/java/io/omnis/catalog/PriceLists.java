package io.omnis.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.Fields;
import io.omnis.catalog.internal.PriceStore;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.Ids;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * Price lists and the prices in them: each list has one currency, and a price in another
 * currency, or below zero, is refused.
 */
@Service
@Transactional
public class PriceLists {

	private static final int MAX_PRIORITY = 1_000_000;

	private final PriceStore store;

	private final Catalog catalog;

	private final Assortment assortment;

	private final Clock clock;

	PriceLists(PriceStore store, Catalog catalog, Assortment assortment, Clock clock) {
		this.store = store;
		this.catalog = catalog;
		this.assortment = assortment;
		this.clock = clock;
	}

	public PriceList create(Terms terms) {
		String currency = currency(terms.currency(), "currency");
		Instant now = clock.instant();
		PriceList list = checked(PriceListId.next(), terms, currency, now, now);
		store.save(list);
		return list;
	}

	/**
	 * Replaces the terms of a list; its currency stays what it was, since its prices are
	 * in it.
	 */
	public PriceList replace(PriceListId id, Terms terms) {
		PriceList current = get(id);
		if (terms.currency() != null && !current.currency().equals(terms.currency())) {
			throw ProblemException.invalidField("currency", "cannot change from " + current.currency());
		}
		PriceList list = checked(id, terms, current.currency(), current.createdAt(), clock.instant());
		store.save(list);
		return list;
	}

	public void delete(PriceListId id) {
		store.delete(get(id).id());
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public PriceList get(PriceListId id) {
		return store.find(id).orElseThrow(() -> new NotFoundException("price list", id.value()));
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public PriceList get(String id) {
		if (!Ids.isValid(PriceListId.PREFIX, id)) {
			throw new NotFoundException("price list", id);
		}
		return get(new PriceListId(id));
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<PriceList> page(@Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		return Page.of(store.list(Cursor.decode(cursor), size + 1), size, list -> list.id().value());
	}

	/** Sets the variant's price in the list, in the list's currency. */
	public Price setPrice(PriceListId id, String sku, Money amount) {
		PriceList list = get(id);
		Variant variant = variant(sku);
		if (!amount.currency().getCurrencyCode().equals(list.currency())) {
			throw ProblemException.invalidField("currency",
					"must be the price list's currency " + list.currency() + ", not " + amount.currency());
		}
		if (amount.isNegative()) {
			throw ProblemException.invalidField("amount", "must not be negative");
		}
		store.setPrice(id, variant.id(), amount.minorUnits());
		return new Price(id, variant.id(), variant.sku(), amount);
	}

	public void removePrice(PriceListId id, String sku) {
		if (!store.removePrice(get(id).id(), variant(sku).id())) {
			throw new NotFoundException("No price for SKU '" + sku + "' in this list");
		}
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<Price> prices(PriceListId id, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		return Page.of(store.prices(get(id).id(), Cursor.decode(cursor), size + 1), size, Price::sku);
	}

	/** Every price of the product's variants, in every list. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<Price> pricesOf(Product product) {
		return store.pricesOf(product.variants().stream().map(Variant::id).toList());
	}

	/** An ISO 4217 code, or a problem naming the field. */
	public static String currency(@Nullable String code, String field) {
		try {
			return Money.zero(Fields.required(code, field)).currency().getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidField(field, "must be an ISO 4217 currency code such as 'EUR'");
		}
	}

	private Variant variant(String sku) {
		return catalog.variant(sku).orElseThrow(() -> new NotFoundException("No variant with SKU '" + sku + "'"));
	}

	private PriceList checked(PriceListId id, Terms terms, String currency, Instant createdAt, Instant now) {
		String name = Fields.line(Fields.required(terms.name(), "name"), "name", 100);
		if (store.nameTaken(name, id)) {
			throw new ProblemException(ProblemType.CONFLICT, "A price list named '" + name + "' already exists",
					List.of(new FieldError("name", "is already used by another price list")));
		}
		Set<ChannelId> channels = new LinkedHashSet<>();
		List<String> given = terms.channels() == null ? List.of() : terms.channels();
		for (int i = 0; i < given.size(); i++) {
			channels.add(assortment.channel(given.get(i), "channels[" + i + "]"));
		}
		if (terms.validFrom() != null && terms.validUntil() != null
				&& !terms.validFrom().isBefore(terms.validUntil())) {
			throw ProblemException.invalidField("validUntil", "must be after validFrom");
		}
		int priority = terms.priority() == null ? 0 : terms.priority();
		if (Math.abs(priority) > MAX_PRIORITY) {
			throw ProblemException.invalidField("priority",
					"must be between -" + MAX_PRIORITY + " and " + MAX_PRIORITY);
		}
		return new PriceList(id, name, currency, List.copyOf(channels), terms.validFrom(), terms.validUntil(),
				Fields.required(terms.taxInclusive(), "taxInclusive"), priority, createdAt, now);
	}

	/** The terms of a price list; channels empty or absent means every channel. */
	public record Terms(@Nullable String name, @Nullable String currency, @Nullable List<String> channels,
			@Nullable Instant validFrom, @Nullable Instant validUntil, @Nullable Boolean taxInclusive,
			@Nullable Integer priority) {
	}

}
