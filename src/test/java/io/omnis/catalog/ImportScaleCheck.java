package io.omnis.catalog;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.catalog.internal.Gtin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports {@code -Dcatalog.import.products=100000} products in one CSV and prints how
 * long it took and how loaded the machine was. Off by default: the benchmark's
 * {@code catalog-import} row is the measurement of record; this is the quick standalone
 * check.
 */
@EnabledIfSystemProperty(named = "catalog.import.products", matches = "\\d+")
class ImportScaleCheck extends RunningCatalog {

	@Test
	void aHundredThousandProductsImportInUnderAMinute() throws Exception {
		int products = Integer.parseInt(System.getProperty("catalog.import.products"));
		Caller caller = merchandiser();
		String list = caller.post("/api/v1/catalog/price-lists", """
				{"name": "%s", "currency": "EUR", "taxInclusive": true}""".formatted(unique("Scale")))
			.expect(201)
			.path("id")
			.asString();
		String prefix = handle("scale");
		StringBuilder csv = new StringBuilder(products * 150);
		csv.append("handle,status,title,description,attributes,sku,barcode,options,weight_grams,tax_category,price\n");
		for (int i = 0; i < products; i++) {
			String digits = "21" + String.format("%010d", i);
			csv.append(prefix)
				.append('-')
				.append(i)
				.append(",ACTIVE,Scale product ")
				.append(i)
				.append(",\"Imported, to measure\",brand=Omnis;line=")
				.append(i % 50)
				.append(',')
				.append(prefix.toUpperCase())
				.append('-')
				.append(i)
				.append(',')
				.append(digits)
				.append(Gtin.checkDigit(digits))
				.append(",size=M;colour=Blue,")
				.append(100 + i % 900)
				.append(",standard,")
				.append(1 + i % 90)
				.append(".99\n");
		}
		byte[] body = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();

		long start = System.nanoTime();
		JsonNode result = caller
			.send("POST", "/api/v1/catalog/import?priceList=" + list, BodyPublishers.ofByteArray(body), "Content-Type",
					"text/csv")
			.expect(200);
		double seconds = (System.nanoTime() - start) / 1e9;

		String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
		System.out.printf(
				"catalog import: %,d products (%,d bytes) in %.1f s (%,.0f rows/s); "
						+ "load average before %s, after %s, %d CPUs%n",
				products, body.length, seconds, products / seconds, loadBefore, loadAfter,
				Runtime.getRuntime().availableProcessors());
		assertThat(result.path("productsCreated").asLong()).isEqualTo(products);
		assertThat(result.path("pricesSet").asLong()).isEqualTo(products);
		assertThat(seconds).isLessThan(60);

		start = System.nanoTime();
		JsonNode again = caller
			.send("POST", "/api/v1/catalog/import?priceList=" + list, BodyPublishers.ofByteArray(body), "Content-Type",
					"text/csv")
			.expect(200);
		double update = (System.nanoTime() - start) / 1e9;
		System.out.printf("catalog re-import (every product updated): %.1f s; load average after %s%n", update,
				Files.readString(Path.of("/proc/loadavg")).strip());
		assertThat(again.path("productsUpdated").asLong()).isEqualTo(products);
		assertThat(update).isLessThan(60);
	}

}
