package io.omnis.order.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationKind;
import io.omnis.inventory.Reservations;
import io.omnis.order.Cart;
import io.omnis.order.CartLine;
import io.omnis.order.ReservationPolicies;
import io.omnis.order.ReservationPolicy;
import io.omnis.order.internal.StockHolds.Item;

/**
 * The stock a cart holds under its channel's policy: held on add, adjusted by the
 * difference as lines change, let go when the cart is emptied, merged or checked out.
 */
@Component
public class CartHolds {

	private final ReservationPolicies policies;

	private final Reservations reservations;

	private final StockHolds holds;

	private final Clock clock;

	CartHolds(ReservationPolicies policies, Reservations reservations, StockHolds holds, Clock clock) {
		this.policies = policies;
		this.reservations = reservations;
		this.holds = holds;
		this.clock = clock;
	}

	/**
	 * The cart with its stock held for the given lines: by the difference when it holds
	 * some already, newly when its channel reserves on add, not at all otherwise.
	 */
	public Cart hold(Cart cart, ChannelId channel, List<CartLine> lines) {
		ReservationPolicy known = (ReservationPolicy) TransactionMemo.of(CartHolds.class).get(channel);
		ReservationPolicy policy = known != null ? known : policies.of(channel);
		Reservation current = cart.reservationId() == null ? null : reservations.get(cart.reservationId().value());
		boolean held = current != null && current.isHeldAt(clock.instant());
		List<Item> items = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			items.add(new Item(lines.get(i).sku(), lines.get(i).quantity(), "lines[" + i + "].quantity"));
		}
		Duration ttl = policy.mode() == ReservationPolicy.Mode.ON_ADD ? policy.hold()
				: held ? Duration.between(clock.instant(), current.expiresAt()) : policy.hold();
		Reservation now;
		if (items.isEmpty()) {
			if (held) {
				reservations.release(current.id());
			}
			now = null;
		}
		else if (held) {
			now = holds.adjust(current, items, ttl.isNegative() || ttl.isZero() ? policy.hold() : ttl);
		}
		else if (policy.mode() == ReservationPolicy.Mode.ON_ADD) {
			now = holds.reserve(channel, cart.id().value(), ReservationKind.CART, ttl, items);
		}
		else {
			now = null;
		}
		return new Cart(cart.id(), cart.status(), cart.currency(), cart.country(), cart.customerIds(), cart.profileId(),
				cart.channelId(), now == null ? null : now.id(), now == null ? null : now.channelId(),
				cart.mergedInto(), cart.orderId(), lines, List.of(), cart.expiresAt(), cart.createdAt(),
				cart.updatedAt());
	}

	/**
	 * The channel's policy as read in this transaction (with the cart, by
	 * {@link CartStore#find(io.omnis.order.CartId, boolean, ChannelId)}): not read again.
	 */
	static void remember(ReservationPolicy policy) {
		TransactionMemo.of(CartHolds.class).put(policy.channelId(), policy);
	}

	/** Lets go of what the cart holds, if it still holds anything. */
	public void release(Cart cart) {
		if (cart.reservationId() != null) {
			Reservation current = reservations.get(cart.reservationId().value());
			if (current.isHeldAt(clock.instant())) {
				reservations.release(current.id());
			}
		}
	}

}
