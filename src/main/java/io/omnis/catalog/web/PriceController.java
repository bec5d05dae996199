package io.omnis.catalog.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.catalog.PriceList;
import io.omnis.catalog.PriceLists;
import io.omnis.catalog.Pricing;
import io.omnis.catalog.TaxRates;
import io.omnis.catalog.web.CatalogJson.PriceListView;
import io.omnis.catalog.web.CatalogJson.PriceView;
import io.omnis.catalog.web.CatalogJson.QuoteView;
import io.omnis.catalog.web.CatalogJson.SetPrice;
import io.omnis.catalog.web.CatalogJson.TaxRateView;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/catalog/price-lists}, {@code /tax-rates} and {@code /prices}: what
 * things cost, and the price query.
 */
@RestController
@RequestMapping(path = "/api/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalog prices", description = "Price lists, prices, tax rates and the price query")
class PriceController {

	private final PriceLists priceLists;

	private final TaxRates taxRates;

	private final Pricing pricing;

	PriceController(PriceLists priceLists, TaxRates taxRates, Pricing pricing) {
		this.priceLists = priceLists;
		this.taxRates = taxRates;
		this.pricing = pricing;
	}

	@GetMapping("/prices")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "The price of a SKU in a channel and currency at an instant, split into net, tax and gross",
			description = "Requires `catalog:read`. The list that applies is valid at `at` (default now), in the "
					+ "currency, and prices the SKU; a list of the channel beats a list for every channel, then the "
					+ "higher priority, then the newer list. Tax is the rate of the variant's category in `country` "
					+ "(default PT) and `region`. A product that is not ACTIVE, not in the channel's assortment, or "
					+ "has no price or tax rate answers 422 `not-sellable`.")
	QuoteView quote(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable Instant at, @RequestParam(defaultValue = "PT") String country,
			@RequestParam(required = false) @Nullable String region) {
		return QuoteView.of(pricing.quote(sku, channel, currency, at, country, region));
	}

	@GetMapping("/price-lists")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "List price lists, oldest first", description = "Requires `catalog:read`.")
	Page<PriceListView> lists(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return priceLists.page(cursor, limit).map(PriceListView::of);
	}

	@GetMapping("/price-lists/{id}")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "One price list", description = "Requires `catalog:read`.")
	PriceListView list(@PathVariable String id) {
		return PriceListView.of(priceLists.get(id));
	}

	@PostMapping(path = "/price-lists", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Create a price list",
			description = "Requires `catalog:write`. Accepts an `Idempotency-Key` header. No `channels` means every "
					+ "channel; `validFrom` is inclusive, `validUntil` exclusive.")
	ResponseEntity<PriceListView> create(@RequestBody PriceLists.Terms body) {
		PriceList list = priceLists.create(body);
		return ResponseEntity.created(URI.create("/api/v1/catalog/price-lists/" + list.id()))
			.body(PriceListView.of(list));
	}

	@PutMapping(path = "/price-lists/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Replace a price list's terms (its currency cannot change)",
			description = "Requires `catalog:write`.")
	PriceListView replace(@PathVariable String id, @RequestBody PriceLists.Terms body) {
		return PriceListView.of(priceLists.replace(priceLists.get(id).id(), body));
	}

	@DeleteMapping("/price-lists/{id}")
	@PreAuthorize("hasAuthority('catalog:write')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a price list and its prices", description = "Requires `catalog:write`.")
	void delete(@PathVariable String id) {
		priceLists.delete(priceLists.get(id).id());
	}

	@GetMapping("/price-lists/{id}/prices")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "The prices in a list, by SKU", description = "Requires `catalog:read`.")
	Page<PriceView> prices(@PathVariable String id, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return priceLists.prices(priceLists.get(id).id(), cursor, limit).map(PriceView::of);
	}

	@PutMapping(path = "/price-lists/{id}/prices/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Set a SKU's price in the list",
			description = "Requires `catalog:write`. `amount` is in minor units; `currency` must be the list's.")
	PriceView setPrice(@PathVariable String id, @PathVariable String sku, @RequestBody SetPrice body) {
		if (body.amount() == null) {
			throw ProblemException.invalidField("amount", "is required");
		}
		String currency = PriceLists.currency(body.currency(), "currency");
		return PriceView.of(priceLists.setPrice(priceLists.get(id).id(), sku, Money.of(body.amount(), currency)));
	}

	@DeleteMapping("/price-lists/{id}/prices/{sku}")
	@PreAuthorize("hasAuthority('catalog:write')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a SKU's price from the list", description = "Requires `catalog:write`.")
	void removePrice(@PathVariable String id, @PathVariable String sku) {
		priceLists.removePrice(priceLists.get(id).id(), sku);
	}

	@GetMapping("/tax-rates")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "List tax rates by country, region and category", description = "Requires `catalog:read`.")
	Page<TaxRateView> taxRates(@RequestParam(required = false) @Nullable String country,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return taxRates.page(country, cursor, limit).map(TaxRateView::of);
	}

	@PutMapping(path = "/tax-rates", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Set the tax rate of a category in a country (or one of its regions)",
			description = "Requires `catalog:write`. `rate` is a fraction: 0.23 is 23 %.")
	TaxRateView putTaxRate(@RequestBody TaxRateBody body) {
		return TaxRateView.of(taxRates.put(body.country(), body.region(), body.category(), body.rate()));
	}

	@DeleteMapping("/tax-rates")
	@PreAuthorize("hasAuthority('catalog:write')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a tax rate", description = "Requires `catalog:write`.")
	void removeTaxRate(@RequestParam String country, @RequestParam(required = false) @Nullable String region,
			@RequestParam String category) {
		taxRates.remove(country, region, category);
	}

	record TaxRateBody(@Nullable String country, @Nullable String region, @Nullable String category,
			@Nullable BigDecimal rate) {
	}

}
