package io.omnis.catalog.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.catalog.Catalog;
import io.omnis.catalog.Contents;
import io.omnis.catalog.web.CatalogJson.ContentView;
import io.omnis.catalog.web.CatalogJson.PutContent;

/**
 * {@code /api/v1/catalog/products/{id}/content}: a product's title and description per
 * channel and locale.
 */
@RestController
@RequestMapping(path = "/api/v1/catalog/products/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalog content", description = "Titles and descriptions per channel and locale")
class ContentController {

	private final Catalog catalog;

	private final Contents contents;

	ContentController(Catalog catalog, Contents contents) {
		this.catalog = catalog;
		this.contents = contents;
	}

	@GetMapping("/content")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "The title and description to show in a channel and locale",
			description = "Requires `catalog:read`. Falls back from the channel's own words for the locale to the "
					+ "locale's, then to the product's default; `level` says which answered.")
	ContentView resolve(@PathVariable String id, @RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String locale) {
		return ContentView.of(contents.resolve(catalog.get(id).id(), channel, locale));
	}

	@GetMapping("/contents")
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "Every title and description stored for the product, beside its default",
			description = "Requires `catalog:read`.")
	List<ContentView> list(@PathVariable String id) {
		return contents.of(catalog.get(id).id()).stream().map(ContentView::of).toList();
	}

	@PutMapping(path = "/contents", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Set the title and description for a locale, in every channel or in one",
			description = "Requires `catalog:write`. Texts are plain text, stored as written, never as HTML.")
	ContentView put(@PathVariable String id, @RequestBody PutContent body) {
		return ContentView
			.of(contents.put(catalog.get(id).id(), body.channel(), body.locale(), body.title(), body.description()));
	}

	@DeleteMapping("/contents")
	@PreAuthorize("hasAuthority('catalog:write')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove the title and description of a locale (in one channel when given)",
			description = "Requires `catalog:write`.")
	void remove(@PathVariable String id, @RequestParam(required = false) @Nullable String channel,
			@RequestParam String locale) {
		contents.remove(catalog.get(id).id(), channel, locale);
	}

}
