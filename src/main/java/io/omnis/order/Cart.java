package io.omnis.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.ReservationId;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * A customer's cart, the same in every channel of the organisation: it belongs to her
 * profile or to an anonymous id until she identifies.
 *
 * @param customerIds the identifiers it was made or identified under
 * ({@code anonymous_id:…}, {@code user_id:…}, {@code email:…})
 * @param channelId the channel that last worked on it
 * @param reservationId stock held for it, when its channel reserves on add to cart
 * @param changes what changed since the lines were added, as checked for this answer
 */
public record Cart(CartId id, CartStatus status, String currency, String country, List<String> customerIds,
		@Nullable String profileId, ChannelId channelId, @Nullable ReservationId reservationId,
		@Nullable ChannelId reservationChannelId, @Nullable CartId mergedInto, @Nullable OrderId orderId,
		List<CartLine> lines, List<CartChange> changes, Instant expiresAt, Instant createdAt, Instant updatedAt) {

	public Money total() {
		return lines.stream().map(CartLine::total).reduce(Money.zero(currency), Money::plus);
	}

	public Optional<CartLine> line(String sku) {
		return lines.stream().filter(line -> line.sku().equals(sku)).findFirst();
	}

	public int indexOf(String sku) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).sku().equals(sku)) {
				return i;
			}
		}
		return -1;
	}

	/** Refuses any change unless the cart is open and not expired. */
	public Cart requireOpen(Instant now) {
		if (status == CartStatus.MERGED) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Cart " + id + " was merged into the customer's cart " + mergedInto + "; use that one",
					List.of(new FieldError("cartId", "was merged into " + mergedInto)))
				.with("mergedInto", String.valueOf(mergedInto));
		}
		if (status == CartStatus.CHECKED_OUT) {
			throw new ProblemException(ProblemType.CONFLICT, "Cart " + id + " was already checked out as " + orderId,
					List.of(new FieldError("cartId", "was already checked out")))
				.with("orderId", String.valueOf(orderId));
		}
		if (!expiresAt.isAfter(now)) {
			throw new ProblemException(ProblemType.CART_EXPIRED,
					"Cart " + id + " expired at " + expiresAt + "; start a new one",
					List.of(new FieldError("cartId", "expired at " + expiresAt)));
		}
		return this;
	}

	public Cart withChanges(List<CartChange> found) {
		return new Cart(id, status, currency, country, customerIds, profileId, channelId, reservationId,
				reservationChannelId, mergedInto, orderId, lines, List.copyOf(found), expiresAt, createdAt, updatedAt);
	}

}
