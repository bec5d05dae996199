package io.omnis.kernel.database;

import java.util.List;

/**
 * A list of values for a hot statement, written so that PostgreSQL can plan the statement
 * once per connection.
 * <p>
 * A statement over {@code unnest(:skus)} or {@code = any(:skus)} with the list as one
 * array parameter never gets a generic plan: the generic plan assumes an array of ten
 * elements, a custom plan knows there are one or three, so the custom plan always looks
 * cheaper and PostgreSQL plans again on every execution (for the catalog quote, 0.56 ms
 * of planning against 0.12 ms of execution: ADR 0026). Written as {@code array[:skus]}
 * with one parameter per value, the array's length is part of the statement, the generic
 * plan's estimate is right, and PostgreSQL keeps it after its first five custom plans.
 * Each length is a statement of its own, so beyond {@link #ONE_EACH} values the list goes
 * as one array parameter again, planned each time (a long list is rare, and its planning
 * is small beside its execution).
 */
public final class ArrayParameters {

	/** Up to this many values travel as one parameter each. */
	public static final int ONE_EACH = 100;

	private ArrayParameters() {
	}

	/**
	 * The SQL of a {@code text[]} made of the named parameter's values; the parameter's
	 * value is {@link #values}.
	 */
	public static String textArray(String name, int size) {
		return size <= ONE_EACH ? "array[:" + name + "]::text[]" : ":" + name + "::text[]";
	}

	/** The value of the parameter that {@link #textArray} names. */
	public static Object values(List<String> values) {
		return values.size() <= ONE_EACH ? values : values.toArray(String[]::new);
	}

}
