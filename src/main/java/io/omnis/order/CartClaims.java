package io.omnis.order;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.customer.Identifier;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.Carts.CustomerIds;
import io.omnis.order.internal.CartHolds;
import io.omnis.order.internal.CartStore;
import io.omnis.order.internal.Customers;
import io.omnis.order.internal.Customers.Customer;
import io.omnis.order.internal.OrderProperties;

/**
 * A customer claims a cart by identifying herself on it: the cart becomes hers, and when
 * she already has an open cart elsewhere the two become one, so the cart she started
 * anonymously on the web goes on in the app or at the till.
 */
@Service
@Transactional
public class CartClaims {

	private final Carts carts;

	private final CartStore store;

	private final Customers customers;

	private final CartHolds cartHolds;

	private final OrderProperties properties;

	private final Clock clock;

	CartClaims(Carts carts, CartStore store, Customers customers, CartHolds cartHolds, OrderProperties properties,
			Clock clock) {
		this.carts = carts;
		this.store = store;
		this.customers = customers;
		this.cartHolds = cartHolds;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Attaches the customer to the cart. When she already has an open cart elsewhere,
	 * this cart's lines join that one (quantities added up, her earlier prices kept) and
	 * this cart is closed as merged: the answer is the cart she goes on with.
	 */
	public Cart identify(CartId id, ChannelId channel, CustomerIds given) {
		List<Identifier> identifiers = OrderInput.identifiers(given, false);
		if (identifiers.isEmpty() && given.profileId() == null) {
			throw ProblemException.invalidField("userId",
					"or another identifier (email, phone, loyaltyCard, profileId) is required to identify a cart");
		}
		Customer customer = customers.resolve(identifiers, given.profileId(), "profileId");
		Cart cart = carts.lockOpen(id, null);
		// A cart that already names someone else is not hers: answer as if it did not
		// exist
		if (!belongsTo(cart, customer)) {
			throw new NotFoundException("cart", id.value());
		}
		Set<String> ids = new LinkedHashSet<>(cart.customerIds());
		ids.addAll(customer.given());
		String profile = customer.profileId() != null ? customer.profileId() : cart.profileId();
		Instant now = clock.instant();
		Optional<Cart> other = store.openOf(customer.keys(), customer.profiles(), true)
			.stream()
			.filter(c -> !c.id().equals(id) && c.expiresAt().isAfter(now))
			.findFirst();
		if (other.isEmpty()) {
			Cart identified = new Cart(id, cart.status(), cart.currency(), cart.country(), List.copyOf(ids), profile,
					channel, cart.reservationId(), cart.reservationChannelId(), null, null, cart.lines(), List.of(),
					now.plus(properties.cartTtl()), cart.createdAt(), now);
			store.update(identified);
			return carts.view(id, channel, null);
		}
		return merge(cart, other.get(), channel, ids, profile);
	}

	/** An anonymous cart is anyone's to claim; an identified one only its customer's. */
	static boolean belongsTo(Cart cart, Customer customer) {
		boolean identified = cart.profileId() != null
				|| cart.customerIds().stream().anyMatch(id -> !id.startsWith("anonymous_id:"));
		return !identified || customer.owns(cart.customerIds(), cart.profileId());
	}

	private Cart merge(Cart from, Cart into, ChannelId channel, Set<String> ids, @Nullable String profile) {
		Map<String, CartLine> lines = new TreeMap<>();
		into.lines().forEach(line -> lines.put(line.sku(), line));
		for (CartLine line : from.lines()) {
			CartLine kept = lines.get(line.sku());
			int quantity = Math.min(Carts.MAX_QUANTITY, line.quantity() + (kept == null ? 0 : kept.quantity()));
			lines.put(line.sku(), (kept == null ? line : kept).withQuantity(quantity));
		}
		if (lines.size() > Carts.MAX_LINES) {
			throw ProblemException.conflict("Joining cart " + from.id() + " to the customer's cart " + into.id()
					+ " would make more than " + Carts.MAX_LINES + " lines");
		}
		Instant now = clock.instant();
		// The merged cart's stock goes; the surviving cart holds for all lines under its
		// channel's policy
		if (from.reservationId() != null) {
			cartHolds.release(from);
		}
		Set<String> allIds = new LinkedHashSet<>(into.customerIds());
		allIds.addAll(ids);
		Cart survivor = new Cart(into.id(), into.status(), into.currency(), into.country(), List.copyOf(allIds),
				profile != null ? profile : into.profileId(), channel, into.reservationId(),
				into.reservationChannelId(), null, null, into.lines(), List.of(), now.plus(properties.cartTtl()),
				into.createdAt(), now);
		for (CartLine line : lines.values()) {
			store.upsertLine(into.id(), line);
		}
		Cart held = cartHolds.hold(survivor, channel, List.copyOf(lines.values()));
		store.update(held);
		store.update(new Cart(from.id(), CartStatus.MERGED, from.currency(), from.country(), from.customerIds(),
				from.profileId(), channel, null, null, into.id(), null, from.lines(), List.of(), from.expiresAt(),
				from.createdAt(), now));
		return carts.view(into.id(), channel, null);
	}

}
