package io.omnis.kernel.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list: the items and, when there are more, the opaque cursor of the next
 * page.
 */
public record Page<T>(List<T> data, @Nullable String nextCursor) {

	/**
	 * A page from a query that fetched one row more than asked for, which tells whether a
	 * next page exists.
	 * @param fetched up to {@code limit + 1} items in list order
	 * @param limit the page size asked for
	 * @param position the sort key of an item, which the next page starts after
	 */
	public static <T> Page<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> position) {
		if (fetched.size() <= limit) {
			return new Page<>(List.copyOf(fetched), null);
		}
		List<T> data = List.copyOf(fetched.subList(0, limit));
		return new Page<>(data, Cursor.encode(position.apply(data.getLast())));
	}

	public <R> Page<R> map(java.util.function.Function<T, R> mapper) {
		return new Page<>(data.stream().map(mapper).toList(), nextCursor);
	}

	/**
	 * Every item, page after page, up to {@code max}: for what must be whole (a
	 * customer's copy of her data) rather than browsed.
	 * @param fetch the page after a cursor (null for the first)
	 */
	public static <T> java.util.List<T> all(java.util.function.Function<@Nullable String, Page<T>> fetch, int max) {
		java.util.List<T> all = new java.util.ArrayList<>();
		String cursor = null;
		do {
			Page<T> page = fetch.apply(cursor);
			all.addAll(page.data());
			cursor = page.nextCursor();
		}
		while (cursor != null && all.size() < max);
		return all.size() > max ? all.subList(0, max) : all;
	}

}
