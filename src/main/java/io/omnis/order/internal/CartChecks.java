package io.omnis.order.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.omnis.catalog.PriceQuote;
import io.omnis.channel.ChannelId;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.Reservations;
import io.omnis.order.Cart;
import io.omnis.order.CartChange;
import io.omnis.order.CartLine;
import io.omnis.order.CartStatus;

/**
 * What changed for a cart since its lines were added: a new price, a product no longer
 * sold, fewer units than wanted. Reported with the cart, never applied without the
 * customer's say.
 */
@Component
public class CartChecks {

	private final Reservations reservations;

	private final Quotes quotes;

	private final StockHolds holds;

	private final Clock clock;

	CartChecks(Reservations reservations, Quotes quotes, StockHolds holds, Clock clock) {
		this.reservations = reservations;
		this.quotes = quotes;
		this.holds = holds;
		this.clock = clock;
	}

	/**
	 * Checks every line again: its price now, whether it is still sold, whether there are
	 * enough units.
	 */
	public Cart withChanges(Cart cart, ChannelId channel) {
		if (cart.status() != CartStatus.OPEN) {
			return cart;
		}
		quotes.prefetch(cart.lines().stream().map(CartLine::sku).toList(), channel, cart.currency(), cart.country());
		Reservation held = cart.reservationId() == null ? null : reservations.get(cart.reservationId().value());
		boolean holding = held != null && held.isHeldAt(clock.instant());
		List<CartChange> changes = new ArrayList<>();
		// The stock of every line in one read, unless the cart's own hold answers for it
		Map<String, Integer> units = holding || cart.lines().isEmpty() ? Map.of()
				: holds.available(channel, cart.lines().stream().map(CartLine::sku).toList());
		for (CartLine line : cart.lines()) {
			Quotes.Quote quote = quotes.quote(line.sku(), channel, cart.currency(), cart.country());
			PriceQuote price = quote.price();
			if (price == null) {
				changes.add(new CartChange(line.sku(), CartChange.Kind.NOT_SELLABLE, line.unitPrice(), null, null,
						String.valueOf(quote.refusal() == null ? "No longer sold" : quote.refusal().getMessage())));
				continue;
			}
			if (!price.gross().equals(line.unitPrice())) {
				changes.add(new CartChange(line.sku(), CartChange.Kind.PRICE, line.unitPrice(), price.gross(), null,
						"The price of '" + line.sku() + "' is now " + price.gross() + ", not " + line.unitPrice()));
			}
			if (!holding) {
				int available = units.getOrDefault(line.sku(), 0);
				if (available < line.quantity()) {
					changes.add(new CartChange(line.sku(), CartChange.Kind.AVAILABILITY, null, null, available, "Only "
							+ available + " of '" + line.sku() + "' can be had, " + line.quantity() + " wanted"));
				}
			}
		}
		return cart.withChanges(changes);
	}

}
