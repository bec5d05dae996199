package io.omnis.catalog.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.omnis.catalog.CatalogSearch;
import io.omnis.catalog.Catalog;
import io.omnis.catalog.Contents;
import io.omnis.catalog.Price;
import io.omnis.catalog.PriceList;
import io.omnis.catalog.PriceLists;
import io.omnis.catalog.Product;
import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;

/**
 * The console's catalog pages: search by words, SKU or barcode, and a product with its
 * variants, its prices in every list, and its content per channel and locale.
 */
@Controller
@RequestMapping("/console/catalog")
class CatalogPages {

	private final Catalog catalog;

	private final CatalogSearch search;

	private final PriceLists priceLists;

	private final Contents contents;

	private final Channels channels;

	CatalogPages(Catalog catalog, CatalogSearch search, PriceLists priceLists, Contents contents, Channels channels) {
		this.catalog = catalog;
		this.search = search;
		this.priceLists = priceLists;
		this.contents = contents;
		this.channels = channels;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('catalog:read')")
	String search(@RequestParam(defaultValue = "") String q, Model model) {
		String query = q.strip();
		List<Product> results;
		if (query.isEmpty()) {
			results = catalog.page(null, 50, null).data();
		}
		else if (query.length() > 200) {
			results = List.of();
		}
		else {
			// a scanned code finds its product first; otherwise the words do
			results = search.find(new CatalogSearch.Query(null, query, null, null, null), null, 50).data();
			if (results.isEmpty()) {
				results = search.find(new CatalogSearch.Query(null, null, query, null, null), null, 50).data();
			}
			if (results.isEmpty()) {
				results = search.find(new CatalogSearch.Query(query, null, null, null, null), null, 50).data();
			}
		}
		model.addAttribute("q", query);
		model.addAttribute("results", results);
		return "catalog/products";
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('catalog:read')")
	String product(@PathVariable String id, Model model) {
		Product product = catalog.get(id);
		Map<String, PriceList> lists = new HashMap<>();
		// Prices in the order of the variants, then of their lists
		List<String> order = product.variants().stream().map(variant -> variant.sku()).toList();
		var prices = priceLists.pricesOf(product)
			.stream()
			.sorted(java.util.Comparator.comparingInt((Price price) -> order.indexOf(price.sku()))
				.thenComparing(price -> price.priceListId().value()))
			.toList();
		prices.forEach(price -> lists.computeIfAbsent(price.priceListId().value(), priceLists::get));
		Map<String, String> channelNames = new HashMap<>();
		var stored = contents.of(product.id());
		stored.stream()
			.map(content -> content.channel())
			.filter(channel -> channel != null)
			.forEach(channel -> channelNames.put(channel.value(), name(channel)));
		product.channels().forEach(channel -> channelNames.put(channel.value(), name(channel)));
		model.addAttribute("product", product);
		model.addAttribute("prices", prices);
		model.addAttribute("lists", lists);
		model.addAttribute("contents", stored);
		model.addAttribute("channelNames", channelNames);
		return "catalog/product";
	}

	private String name(ChannelId channel) {
		return channels.find(channel).map(found -> found.name()).orElse(channel.value());
	}

	@Bean
	static NavigationItem catalogNavigation() {
		return new NavigationItem("Catalog", "/console/catalog", 15, Permission.CATALOG_READ.authority());
	}

}
