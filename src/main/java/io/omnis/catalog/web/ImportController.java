package io.omnis.catalog.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.catalog.CatalogExport;
import io.omnis.catalog.CatalogImport;
import io.omnis.catalog.ImportResult;
import io.omnis.catalog.PriceLists;

/**
 * {@code /api/v1/catalog/import} and {@code /export}: the whole catalog in and out, as
 * CSV or JSON rows, one per variant. The body is read as it arrives, never held whole.
 */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "Catalog import and export", description = "Bulk upsert by handle and SKU, and CSV export")
class ImportController {

	static final String CSV = "text/csv";

	private static final String COLUMNS = "One row per variant. CSV columns (the header names them, any order; "
			+ "`handle` and `sku` are required; a column left out of the header keeps what is stored): "
			+ "`handle,status,title,description,attributes,sku,barcode,options,weight_grams,tax_category,price,currency`."
			+ " `attributes` and `options` are `key=value;key=value` or a JSON object; `price` is a decimal amount "
			+ "(12.30) in the price list's currency. JSON: an array of objects with the same fields in camel case "
			+ "(`weightGrams`, `taxCategory`), `price` in minor units (1230). The first row of a product gives its "
			+ "fields; its other rows leave them empty or repeat them. ";

	private final CatalogImport imports;

	private final CatalogExport exports;

	private final PriceLists priceLists;

	ImportController(CatalogImport imports, CatalogExport exports, PriceLists priceLists) {
		this.imports = imports;
		this.exports = exports;
		this.priceLists = priceLists;
	}

	@PostMapping(path = "/import", consumes = CSV, produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Import CSV: create or update products by handle and variants by SKU, all or nothing",
			description = "Requires `catalog:write`. " + COLUMNS
					+ "Prices go into the list named by `priceList`. Up to 100 MB. When any row is bad, the answer "
					+ "names each bad row (`line[7].barcode`, up to 100) and nothing changes.")
	ImportResult importCsv(HttpServletRequest request, @RequestParam(required = false) @Nullable String priceList)
			throws IOException {
		return imports.csv(request.getInputStream(), priceList);
	}

	@PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('catalog:write')")
	@Operation(summary = "Import a JSON array of rows: the same as CSV, all or nothing",
			description = "Requires `catalog:write`. " + COLUMNS + "Bad rows are named by index (`[6].barcode`).")
	ImportResult importJson(HttpServletRequest request, @RequestParam(required = false) @Nullable String priceList)
			throws IOException {
		return imports.json(request.getInputStream(), priceList);
	}

	@GetMapping(path = "/export", produces = CSV)
	@PreAuthorize("hasAuthority('catalog:read')")
	@Operation(summary = "The whole catalog as import CSV, one row per variant, streamed",
			description = "Requires `catalog:read`. With `priceList`, the `price` and `currency` columns hold that "
					+ "list's prices.")
	void export(@RequestParam(required = false) @Nullable String priceList, HttpServletResponse response)
			throws IOException {
		if (priceList != null) {
			priceLists.get(priceList); // refused before the answer starts
		}
		response.setContentType(CSV + ";charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"catalog.csv\"");
		exports.csv(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), priceList);
	}

}
