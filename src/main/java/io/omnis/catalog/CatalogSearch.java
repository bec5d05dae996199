package io.omnis.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.ProductStore;
import io.omnis.catalog.internal.SearchStore;
import io.omnis.catalog.internal.SearchStore.Hit;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * Finds products by what a person types (words in any order, quoted phrases,
 * {@code -excluded}, {@code or}), or by the exact SKU or barcode a scanner reads.
 */
@Service
@Transactional(readOnly = true)
public class CatalogSearch {

	private final SearchStore search;

	private final ProductStore products;

	CatalogSearch(SearchStore search, ProductStore products) {
		this.search = search;
		this.products = products;
	}

	/**
	 * One page of the products matching exactly one of {@code q}, {@code sku} and
	 * {@code barcode}, optionally only those a channel sells or in one status.
	 */
	public Page<Product> find(Query query, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		String channel = query.channel();
		String status = query.status() == null ? null : query.status().name();
		int given = (blank(query.q()) ? 0 : 1) + (blank(query.sku()) ? 0 : 1) + (blank(query.barcode()) ? 0 : 1);
		if (given != 1) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "Give exactly one of 'q', 'sku' and 'barcode'",
					List.of(new FieldError("q", "give exactly one of q, sku and barcode")));
		}
		if (!blank(query.sku())) {
			return page(search.exact("sku", query.sku().strip(), channel, status), size);
		}
		if (!blank(query.barcode())) {
			return page(search.exact("barcode", query.barcode().strip(), channel, status), size);
		}
		if (query.q().length() > 200) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'q' must be at most 200 characters",
					List.of(new FieldError("q", "must be at most 200 characters")));
		}
		String after = Cursor.decode(cursor);
		Float afterRank = null;
		String afterId = null;
		if (after != null) {
			String[] parts = after.split(" ", 2);
			try {
				afterRank = Float.valueOf(parts[0]);
				afterId = parts[1];
			}
			catch (RuntimeException ex) {
				throw new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'cursor' is not a valid cursor",
						List.of(new FieldError("cursor", "is not a cursor returned by this search")));
			}
		}
		List<Hit> hits = search.words(query.q(), afterRank, afterId, size + 1, channel, status);
		List<Hit> shown = hits.size() > size ? hits.subList(0, size) : hits;
		String next = hits.size() > size ? Cursor.encode(shown.getLast().rank() + " " + shown.getLast().id()) : null;
		return new Page<>(products.byIds(shown.stream().map(Hit::id).toList()), next);
	}

	private Page<Product> page(List<Hit> hits, int size) {
		return new Page<>(products.byIds(hits.stream().map(Hit::id).limit(size).toList()), null);
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	/** What to look for, and where. */
	public record Query(@Nullable String q, @Nullable String sku, @Nullable String barcode, @Nullable String channel,
			@Nullable ProductStatus status) {
	}

}
