package io.omnis.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.BulkImport;
import io.omnis.catalog.internal.Cells;
import io.omnis.catalog.internal.Column;
import io.omnis.catalog.internal.CsvReader;
import io.omnis.catalog.internal.ImportRows;
import io.omnis.catalog.internal.RowChecker;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Imports a catalog in bulk, one row per variant, from CSV or a JSON array: products are
 * matched by handle and variants by SKU, and created or updated. Every row is checked
 * first; when any is bad, the answer names each bad row's line and field, and nothing
 * changes.
 */
@Service
@Transactional
public class CatalogImport {

	/** How many bad rows an answer lists (it counts them all). */
	static final int MAX_REPORTED = 100;

	/** Reads the array one row at a time: a row is never the whole input. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final BulkImport bulk;

	private final PriceLists priceLists;

	CatalogImport(BulkImport bulk, PriceLists priceLists) {
		this.bulk = bulk;
		this.priceLists = priceLists;
	}

	/**
	 * Imports CSV in UTF-8 with a header row naming its columns (see {@link Column});
	 * bytes that are not UTF-8 make it malformed at their line.
	 */
	public ImportResult csv(InputStream in, @Nullable String priceListId) {
		PriceList list = priceListId == null ? null : priceLists.get(priceListId);
		CsvReader csv = new CsvReader(CsvReader.utf8(in));
		try {
			List<String> names = csv.next();
			if (names == null) {
				throw new ProblemException(ProblemType.MALFORMED_BODY, "The CSV is empty; it needs a header row");
			}
			Map<Column, Integer> header = ImportRows.header(names);
			Rows rows = new Rows(EnumSet.copyOf(header.keySet()), list, true, line -> "line[" + line + "]");
			try {
				for (List<String> values = csv.next(); values != null; values = csv.next()) {
					int line = csv.recordLine();
					if (values.size() != names.size()) {
						rows.refuse(line, new FieldError("line[" + line + "]",
								"has " + values.size() + " fields; the header has " + names.size()));
						continue;
					}
					rows.add(ImportRows.csv(header, values), line);
				}
			}
			catch (IOException | RuntimeException ex) {
				rows.abort();
				throw ex;
			}
			return rows.finish();
		}
		catch (CsvReader.Malformed ex) {
			throw new ProblemException(ProblemType.MALFORMED_BODY, "The CSV is malformed: " + ex.getMessage(),
					List.of(new FieldError("line[" + ex.line() + "]", ex.getMessage())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Imports a JSON array of row objects, with the fields of {@link Column}. */
	public ImportResult json(InputStream in, @Nullable String priceListId) {
		PriceList list = priceListId == null ? null : priceLists.get(priceListId);
		try (JsonParser parser = JSON.createParser(in)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new ProblemException(ProblemType.MALFORMED_BODY, "The body must be a JSON array of rows");
			}
			Rows rows = new Rows(EnumSet.allOf(Column.class), list, false, index -> "[" + index + "]");
			int index = 0;
			try {
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					JsonNode row = JSON.readTree(parser);
					int at = index++;
					try {
						rows.add(ImportRows.json(row), at);
					}
					catch (ProblemException ex) {
						rows.refuse(at, ex);
					}
				}
			}
			catch (RuntimeException ex) {
				rows.abort();
				throw ex;
			}
			return rows.finish();
		}
		catch (JacksonException ex) {
			throw new ProblemException(ProblemType.MALFORMED_BODY,
					"The body is not valid JSON"
							+ (ex.getLocation() == null ? "" : " near line " + ex.getLocation().getLineNr()) + ": "
							+ abbreviate(ex.getOriginalMessage()));
		}
	}

	private static String abbreviate(@Nullable String text) {
		return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "…";
	}

	/** The rows of one import on their way in, and the refusals so far. */
	private final class Rows {

		private final RowChecker checker;

		private final BulkImport.Load load;

		private final IntFunction<String> where;

		private final @Nullable PriceList list;

		private final List<FieldError> errors = new ArrayList<>();

		private long bad;

		private long count;

		Rows(Set<Column> columns, @Nullable PriceList list, boolean csv, IntFunction<String> where) {
			this.checker = new RowChecker(csv, list == null ? null : list.currency());
			this.load = bulk.start(columns);
			this.where = where;
			this.list = list;
		}

		void add(Cells cells, int line) {
			count++;
			try {
				var row = checker.check(cells, line);
				if (bad == 0) {
					load.add(row);
				}
			}
			catch (ProblemException ex) {
				refuse(line, ex);
			}
		}

		void refuse(int line, ProblemException ex) {
			FieldError error = ex.errors().isEmpty() ? new FieldError("", String.valueOf(ex.getMessage()))
					: ex.errors().getFirst();
			refuse(line, new FieldError(where.apply(line) + (error.field().isEmpty() ? "" : "." + error.field()),
					error.message()));
		}

		void refuse(int line, FieldError error) {
			bad++;
			if (errors.size() < MAX_REPORTED) {
				errors.add(error);
			}
		}

		void abort() {
			load.cancel();
		}

		ImportResult finish() {
			if (bad > 0) {
				load.cancel();
				throw refused(bad, errors);
			}
			BulkImport.Outcome outcome = load.finish(list == null ? null : list.id());
			if (!outcome.conflicts().isEmpty()) {
				// the transaction rolls back with this problem: nothing was written
				throw refused(outcome.conflicts().size(), outcome.errors(where));
			}
			return new ImportResult(count, outcome.productsCreated(), outcome.productsUpdated(),
					outcome.variantsCreated(), outcome.variantsUpdated(), outcome.pricesSet());
		}

		private ProblemException refused(long count, List<FieldError> errors) {
			String first = errors.getFirst().field() + " " + errors.getFirst().message();
			return new ProblemException(ProblemType.VALIDATION_FAILED, count + (count == 1 ? " row is" : " rows are")
					+ " invalid, so nothing was imported; the first: " + first, errors);
		}

	}

}
