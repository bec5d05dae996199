package io.omnis.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated OpenAPI document describes every catalog endpoint and names the
 * permission each one needs.
 */
class CatalogApiDocumentTests extends RunningCatalog {

	@Test
	void everyCatalogOperationIsDocumentedWithThePermissionItNeeds() {
		JsonNode paths = anonymous().get("/v3/api-docs").expect(200).path("paths");
		List<String> catalogPaths = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			if (!path.getKey().startsWith("/api/v1/catalog")) {
				continue;
			}
			catalogPaths.add(path.getKey());
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				assertThat(operation.getValue().path("description").asString())
					.as("%s %s", operation.getKey(), path.getKey())
					.containsPattern("Requires `catalog:(read|write)`");
			}
		}

		assertThat(catalogPaths).contains("/api/v1/catalog/products", "/api/v1/catalog/products/{id}",
				"/api/v1/catalog/products/{id}/variants", "/api/v1/catalog/products/{id}/variants/{variantId}",
				"/api/v1/catalog/products/{id}/assortment", "/api/v1/catalog/products/{id}/content",
				"/api/v1/catalog/products/{id}/contents", "/api/v1/catalog/products/{id}/prices",
				"/api/v1/catalog/search", "/api/v1/catalog/price-lists", "/api/v1/catalog/price-lists/{id}",
				"/api/v1/catalog/price-lists/{id}/prices", "/api/v1/catalog/price-lists/{id}/prices/{sku}",
				"/api/v1/catalog/prices", "/api/v1/catalog/tax-rates", "/api/v1/catalog/import",
				"/api/v1/catalog/export");
	}

}
