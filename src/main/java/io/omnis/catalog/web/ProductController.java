package io.omnis.catalog.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.catalog.Assortment;
import io.omnis.catalog.Catalog;
import io.omnis.catalog.CatalogSearch;
import io.omnis.catalog.PriceLists;
import io.omnis.catalog.ProductStatus;
import io.omnis.catalog.VariantId;
import io.omnis.catalog.web.CatalogJson.Assort;
import io.omnis.catalog.web.CatalogJson.AssortmentView;
import io.omnis.catalog.web.CatalogJson.PriceView;
import io.omnis.catalog.web.CatalogJson.ProductView;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/catalog/products}: products with their variants, their assortment, and
 * search.
 */
@RestController
@RequestMapping(path = "/api/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalog", description = "Products, variants, kits, assortment and search")
class ProductController {

	private final Catalog catalog;

	private final CatalogSearch search;

	private final Assortment assortment;

	private final PriceLists priceLists;

	ProductController(Catalog catalog, CatalogSearch search, Assortment assortment, PriceLists priceLists) {
		this.catalog = catalog;
		this.search = search;
		this.assortment = assortment;
		this.priceLists = priceLists;
	}

	@GetMapping("/products")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "List products, oldest first", description = "Requires `catalog:read`.")
	Page<ProductView> list(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable ProductStatus status) {
		return catalog.page(cursor, limit, status).map(ProductView::of);
	}

	@GetMapping("/search")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "Find products by words (best match first), exact SKU or exact barcode",
			description = "Requires `catalog:read`. Give exactly one of `q` (web-search syntax: words, \"phrases\", "
					+ "-excluded, or), `sku` and `barcode`; `channel` keeps the products that channel sells.")
	Page<ProductView> search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String barcode,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable ProductStatus status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		String channelId = channel == null ? null : assortment.channel(channel, "channel").value();
		return search.find(new CatalogSearch.Query(q, sku, barcode, channelId, status), cursor, limit)
			.map(ProductView::of);
	}

	@GetMapping("/products/{id}")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "One product with its variants", description = "Requires `catalog:read`.")
	ProductView get(@PathVariable String id) {
		return ProductView.of(catalog.get(id));
	}

	@PostMapping(path = "/products", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Create a product with its first variants (DRAFT unless told otherwise)",
			description = "Requires `catalog:write`. Accepts an `Idempotency-Key` header.")
	ResponseEntity<ProductView> create(@RequestBody Catalog.NewProduct body) {
		ProductView created = ProductView.of(catalog.create(body));
		return ResponseEntity.created(URI.create("/api/v1/catalog/products/" + created.id())).body(created);
	}

	@PatchMapping(path = "/products/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Change a product's handle, title, description, status, attributes or images",
			description = "Requires `catalog:write`. Statuses go DRAFT → ACTIVE ⇄ ARCHIVED, never back to DRAFT.")
	ProductView update(@PathVariable String id, @RequestBody Catalog.ProductChanges body) {
		return ProductView.of(catalog.update(catalog.get(id).id(), body));
	}

	@DeleteMapping("/products/{id}")
	@PreAuthorize("hasAuthority('catalog:write')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a DRAFT product", description = "Requires `catalog:write`.")
	void delete(@PathVariable String id) {
		catalog.delete(catalog.get(id).id());
	}

	@PostMapping(path = "/products/{id}/variants", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a variant (a kit when it lists components)",
			description = "Requires `catalog:write`. Answers the product.")
	ProductView addVariant(@PathVariable String id, @RequestBody Catalog.NewVariant body) {
		return ProductView.of(catalog.addVariant(catalog.get(id).id(), body));
	}

	@PutMapping(path = "/products/{id}/variants/{variantId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Replace a variant", description = "Requires `catalog:write`. Answers the product.")
	ProductView replaceVariant(@PathVariable String id, @PathVariable String variantId,
			@RequestBody Catalog.NewVariant body) {
		return ProductView.of(catalog.replaceVariant(catalog.get(id).id(), variant(variantId), body));
	}

	@DeleteMapping("/products/{id}/variants/{variantId}")
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Remove a variant", description = "Requires `catalog:write`. Answers the product.")
	ProductView removeVariant(@PathVariable String id, @PathVariable String variantId) {
		return ProductView.of(catalog.removeVariant(catalog.get(id).id(), variant(variantId)));
	}

	@GetMapping("/products/{id}/assortment")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "Which channels sell the product", description = "Requires `catalog:read`.")
	AssortmentView assortment(@PathVariable String id) {
		return AssortmentView.of(catalog.get(id));
	}

	@PutMapping(path = "/products/{id}/assortment", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Sell the product in every channel, or only in the listed ones",
			description = "Requires `catalog:write`. `{\"allChannels\": true}` or "
					+ "`{\"allChannels\": false, \"channels\": [\"chn_…\"]}`.")
	AssortmentView assort(@PathVariable String id, @RequestBody Assort body) {
		if (body.allChannels() == null) {
			throw ProblemException.invalidField("allChannels", "is required");
		}
		return AssortmentView.of(assortment.assort(catalog.get(id).id(), body.allChannels(),
				body.channels() == null ? List.of() : body.channels()));
	}

	@GetMapping("/products/{id}/prices")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "The prices of the product's variants in every price list",
			description = "Requires `catalog:read`.")
	List<PriceView> prices(@PathVariable String id) {
		return priceLists.pricesOf(catalog.get(id)).stream().map(PriceView::of).toList();
	}

	private static VariantId variant(String id) {
		if (!Ids.isValid(VariantId.PREFIX, id)) {
			throw new NotFoundException("variant", id);
		}
		return new VariantId(id);
	}

}
