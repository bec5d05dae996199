package io.omnis.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.Column;
import io.omnis.kernel.Money;

/**
 * Writes the catalog as the CSV that {@link CatalogImport} reads, one row per variant,
 * with the prices of one list when asked; rows stream from a database cursor, so the
 * catalog is never held whole.
 */
@Service
@Transactional(readOnly = true)
public class CatalogExport {

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private final NamedParameterJdbcTemplate jdbc;

	private final PriceLists priceLists;

	CatalogExport(DataSource dataSource, PriceLists priceLists) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(1000);
		this.jdbc = new NamedParameterJdbcTemplate(template);
		this.priceLists = priceLists;
	}

	/** The CSV header of imports and exports, every column in order. */
	public static String header() {
		return Arrays.stream(Column.values()).map(Column::csv).collect(Collectors.joining(","));
	}

	public void csv(Writer out, @Nullable String priceListId) {
		PriceList list = priceListId == null ? null : priceLists.get(priceListId);
		try {
			out.write(header() + "\r\n");
			jdbc.query("""
					select p.handle, p.status, p.title, p.description, p.attributes, v.sku, v.barcode, v.options,
					       v.weight_grams, v.tax_category, pr.amount
					  from variant v join product p on p.id = v.product_id
					  left join price pr on pr.variant_id = v.id and pr.price_list_id = :list
					 order by p.handle, v.sku""",
					new MapSqlParameterSource("list", list == null ? "" : list.id().value()), rs -> {
						long amount = rs.getLong("amount");
						boolean priced = !rs.wasNull() && list != null;
						String weight = rs.getString("weight_grams");
						String[] cells = { rs.getString("handle"), rs.getString("status"), rs.getString("title"),
								rs.getString("description"), pairs(rs.getString("attributes")), rs.getString("sku"),
								rs.getString("barcode"), pairs(rs.getString("options")), weight,
								rs.getString("tax_category"),
								priced ? Money.of(amount, list.currency()).amount().toPlainString() : null,
								priced ? list.currency() : null };
						try {
							for (int i = 0; i < cells.length; i++) {
								if (i > 0) {
									out.write(',');
								}
								out.write(quoted(cells[i]));
							}
							out.write("\r\n");
						}
						catch (IOException ex) {
							throw new UncheckedIOException(ex);
						}
					});
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A JSON object as {@code key=value;…} when that reads back the same, else as JSON.
	 */
	private static String pairs(String json) {
		Map<?, ?> values = JSON.readValue(json, Map.class);
		boolean plain = values.entrySet()
			.stream()
			.allMatch(e -> e.getValue() instanceof String value && safe(value) && safe((String) e.getKey()));
		if (!plain) {
			return JSON.writeValueAsString(values);
		}
		return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
	}

	private static boolean safe(String text) {
		return !text.contains(";") && !text.contains("=") && !text.startsWith("{") && text.equals(text.strip());
	}

	private static String quoted(@Nullable String cell) {
		if (cell == null) {
			return "";
		}
		if (cell.isEmpty() || cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
			return cell;
		}
		return '"' + cell.replace("\"", "\"\"") + '"';
	}

}
