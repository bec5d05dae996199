package io.omnis.order;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.internal.CartStore;
import io.omnis.order.internal.HandoverCodes;
import io.omnis.order.internal.OrderProperties;
import io.omnis.order.internal.StockHolds;

/**
 * Hands a cart over from the customer's app to a store's till: a short code (or its QR
 * code) that a store associate takes the cart over by.
 */
@Service
@Transactional
public class CartHandovers {

	private final Carts carts;

	private final CartStore store;

	private final StockHolds holds;

	private final OrderProperties properties;

	private final Clock clock;

	CartHandovers(Carts carts, CartStore store, StockHolds holds, OrderProperties properties, Clock clock) {
		this.carts = carts;
		this.store = store;
		this.holds = holds;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A short code (8 letters and digits, no look-alikes) for a store associate to take
	 * the cart over at a till; a new code replaces the cart's earlier one.
	 */
	public Handover handover(CartId id, @Nullable String customer) {
		Cart cart = carts.lockOpen(id, customer);
		Instant now = clock.instant();
		Instant expiresAt = now.plus(properties.handoverTtl());
		String code = HandoverCodes.next();
		store.putHandover(cart.id(), code, expiresAt, now);
		return new Handover(code, cart.id(), expiresAt);
	}

	/**
	 * A till takes the cart over by its code: the code is used up, and the cart now works
	 * in the store's channel, at the store's prices and stock (changes are reported).
	 */
	public Cart takeOver(String code, ChannelId storeChannel) {
		if (holds.storeOf(storeChannel).isEmpty()) {
			throw new ProblemException(ProblemType.FORBIDDEN,
					"Only a STORE channel tied to a store location can take a cart over",
					List.of(new FieldError("channel", "is not the channel of a store's tills")));
		}
		String normalised = code.strip().toUpperCase(Locale.ROOT);
		Instant now = clock.instant();
		CartId id = store.takeHandover(normalised, now)
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
					"No cart is waiting for hand-over code '" + Carts.abbreviate(code)
							+ "'; it may have expired or been used",
					List.of(new FieldError("code", "is not a valid hand-over code"))));
		Cart cart = carts.lockOpen(id, null);
		carts.touch(cart, storeChannel, cart.reservationId(), cart.reservationChannelId());
		return carts.view(id, storeChannel, null);
	}

	/** Refuses a code that no cart is waiting for (for showing its QR code). */
	@Transactional(readOnly = true)
	public CartId waiting(String code) {
		return store.peekHandover(code.strip().toUpperCase(Locale.ROOT), clock.instant())
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
					"No cart is waiting for hand-over code '" + Carts.abbreviate(code) + "'",
					List.of(new FieldError("code", "is not a valid hand-over code"))));
	}

	/** A hand-over code and until when it can be used. */
	public record Handover(String code, CartId cartId, Instant expiresAt) {
	}

}
