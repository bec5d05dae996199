package io.omnis.order;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.omnis.catalog.PriceQuote;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.internal.Quotes;

/**
 * The lines a cart is started with ({@code POST /api/v1/carts} with {@code lines}):
 * checked before anything is written, each refused with its place in the list, and priced
 * by the catalog in one call for all of them.
 */
final class FirstLines {

	private FirstLines() {
	}

	/** The lines as given, checked: each SKU once, each quantity allowed. */
	static List<Checked> checked(@Nullable List<@Nullable NewCartLine> given) {
		if (given == null || given.isEmpty()) {
			return List.of();
		}
		if (given.size() > Carts.MAX_LINES) {
			throw ProblemException.invalidField("lines",
					"has " + given.size() + " lines; a cart holds at most " + Carts.MAX_LINES);
		}
		List<Checked> lines = new ArrayList<>(given.size());
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < given.size(); i++) {
			NewCartLine line = given.get(i);
			if (line == null) {
				throw ProblemException.invalidField("lines[" + i + "]", "is required");
			}
			String sku = OrderInput.sku(line.sku(), "lines[" + i + "].sku");
			int quantity = OrderInput.quantity(line.quantity(), "lines[" + i + "].quantity");
			if (!seen.add(sku)) {
				throw ProblemException.invalidField("lines[" + i + "].sku",
						"is given twice; give each SKU once, with all its units");
			}
			lines.add(new Checked(sku, quantity));
		}
		return lines;
	}

	/**
	 * The cart's lines at the catalog's prices of now, in the order given: each is
	 * stamped a microsecond after the one before, so that every later view lists them in
	 * that order ({@code now} is read from Omnis's clock, in whole microseconds, so the
	 * stamps are stored as they are held).
	 */
	static List<CartLine> priced(List<Checked> lines, Quotes quotes, ChannelId channel, String currency, String country,
			Instant now) {
		quotes.prefetch(lines.stream().map(Checked::sku).toList(), channel, currency, country);
		List<CartLine> priced = new ArrayList<>(lines.size());
		for (int i = 0; i < lines.size(); i++) {
			Checked line = lines.get(i);
			PriceQuote quote = quotes.require(line.sku(), channel, currency, country, "lines[" + i + "].sku");
			priced.add(CartLine.quoted(line.sku(), line.quantity(), quote, channel, now.plus(i, ChronoUnit.MICROS)));
		}
		return priced;
	}

	/** A line that passed the checks. */
	record Checked(String sku, int quantity) {
	}

}
