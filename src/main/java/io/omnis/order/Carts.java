package io.omnis.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.PriceQuote;
import io.omnis.channel.ChannelId;
import io.omnis.customer.Identifier;
import io.omnis.inventory.ReservationId;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.internal.CartChecks;
import io.omnis.order.internal.CartHolds;
import io.omnis.order.internal.CartStore;
import io.omnis.order.internal.Customers;
import io.omnis.order.internal.Customers.Customer;
import io.omnis.order.internal.OrderProperties;
import io.omnis.order.internal.Quotes;

/**
 * Carts that follow the customer: made in any channel, joined to her own cart when she
 * identifies ({@link CartClaims}), handed to a till by a short code
 * ({@link CartHandovers}). Each line keeps the price she saw; a later price, a shortage
 * or a product no longer sold is reported in {@link Cart#changes} and never applied
 * without her say ({@link #acceptChanges}).
 */
@Service
@Transactional
public class Carts {

	public static final int MAX_LINES = 100;

	public static final int MAX_QUANTITY = 1000;

	private final CartStore store;

	private final Customers customers;

	private final Quotes quotes;

	private final OrderProperties properties;

	private final Clock clock;

	private final CartHolds cartHolds;

	private final CartChecks checks;

	Carts(CartStore store, Customers customers, Quotes quotes, OrderProperties properties, Clock clock,
			CartHolds cartHolds, CartChecks checks) {
		this.store = store;
		this.customers = customers;
		this.quotes = quotes;
		this.properties = properties;
		this.clock = clock;
		this.cartHolds = cartHolds;
		this.checks = checks;
	}

	public Cart create(ChannelId channel, NewCart draft) {
		String currency = OrderInput.currency(draft.currency());
		String country = OrderInput.country(draft.country());
		List<Identifier> identifiers = OrderInput.identifiers(draft.customer(), true);
		List<FirstLines.Checked> given = FirstLines.checked(draft.lines());
		Customer customer = customers.resolve(identifiers, draft.customer().profileId(), "profileId");
		Instant now = clock.instant();
		Cart empty = new Cart(CartId.next(), CartStatus.OPEN, currency, country, customer.given(), customer.profileId(),
				channel, null, null, null, null, List.of(), List.of(), now.plus(properties.cartTtl()), now, now);
		if (given.isEmpty()) {
			store.insert(empty);
			return empty;
		}
		// Its first lines: priced and held in this transaction as one add each, then
		// written with the cart and its hold by one statement
		List<CartLine> lines = FirstLines.priced(given, quotes, channel, currency, country, now);
		Cart cart = cartHolds.hold(empty, channel, lines);
		store.insert(cart);
		return checks.withChanges(cart, channel);
	}

	/**
	 * The cart as the channel sees it now, with what changed since its lines were added.
	 */
	@Transactional(readOnly = true)
	public Cart view(CartId id, ChannelId channel, @Nullable String customer) {
		return checks.withChanges(visible(id, customer, false), channel);
	}

	/**
	 * Every open cart of the customer, in every channel, as last written (prices are not
	 * checked again: this is what staff see of her, not what she is asked to pay).
	 */
	@Transactional(readOnly = true)
	public List<Cart> openCartsOf(String customerReference) {
		Customer customer = customers.of(customerReference, "customer");
		Instant now = clock.instant();
		return store.openOf(customer.keys(), customer.profiles(), false)
			.stream()
			.filter(cart -> cart.expiresAt().isAfter(now))
			.toList();
	}

	/**
	 * The customer's open cart, made in whichever channel: found by any identifier of her
	 * profile, so an anonymous web cart is found once she is known.
	 */
	@Transactional(readOnly = true)
	public Cart openCartOf(String customerReference, ChannelId channel) {
		Customer customer = customers.of(customerReference, "customer");
		Instant now = clock.instant();
		return store.openOf(customer.keys(), customer.profiles(), false)
			.stream()
			.filter(cart -> cart.expiresAt().isAfter(now))
			.findFirst()
			.map(cart -> checks.withChanges(cart, channel))
			.orElseThrow(() -> new NotFoundException("No open cart for customer '" + customerReference + "'"));
	}

	public Cart addLine(CartId id, ChannelId channel, @Nullable String sku, @Nullable Integer quantity,
			@Nullable String currency, @Nullable String customer) {
		Cart cart = lockOpen(id, customer, channel);
		String checkedSku = OrderInput.sku(sku, "sku");
		int units = OrderInput.quantity(quantity, "quantity");
		if (currency != null && !currency.equals(cart.currency())) {
			throw ProblemException.invalidField("currency",
					"is " + currency + " but cart " + id + " is in " + cart.currency());
		}
		Optional<CartLine> existing = cart.line(checkedSku);
		if (existing.isEmpty() && cart.lines().size() >= MAX_LINES) {
			throw ProblemException.invalidField("sku", "cannot be added: a cart holds at most " + MAX_LINES + " lines");
		}
		int total = units + existing.map(CartLine::quantity).orElse(0);
		if (total > MAX_QUANTITY) {
			throw ProblemException.invalidField("quantity",
					"would make " + total + " units of '" + checkedSku + "'; at most " + MAX_QUANTITY);
		}
		// The catalog is asked about the new SKU and every line at once, for this request
		List<String> skus = new ArrayList<>(cart.lines().stream().map(CartLine::sku).toList());
		skus.add(checkedSku);
		quotes.prefetch(skus, channel, cart.currency(), cart.country());
		CartLine line;
		if (existing.isPresent()) {
			line = existing.get().withQuantity(total);
		}
		else {
			PriceQuote quote = quotes.require(checkedSku, channel, cart.currency(), cart.country(), "sku");
			line = CartLine.quoted(checkedSku, total, quote, channel, clock.instant());
		}
		return write(cart, channel, replace(cart.lines(), line), line, null);
	}

	public Cart setLine(CartId id, ChannelId channel, String sku, @Nullable Integer quantity,
			@Nullable String customer) {
		Cart cart = lockOpen(id, customer, channel);
		int units = OrderInput.quantity(quantity, "quantity");
		CartLine line = cart.line(sku).orElseThrow(() -> lineNotFound(cart, sku)).withQuantity(units);
		return write(cart, channel, replace(cart.lines(), line), line, null);
	}

	public Cart removeLine(CartId id, ChannelId channel, String sku, @Nullable String customer) {
		Cart cart = lockOpen(id, customer, channel);
		cart.line(sku).orElseThrow(() -> lineNotFound(cart, sku));
		List<CartLine> lines = cart.lines().stream().filter(line -> !line.sku().equals(sku)).toList();
		return write(cart, channel, lines, null, sku);
	}

	/**
	 * Takes the prices of now for every line whose price changed: the customer has seen
	 * and accepted them.
	 */
	public Cart acceptChanges(CartId id, ChannelId channel, @Nullable String customer) {
		Cart cart = lockOpen(id, customer);
		quotes.prefetch(cart.lines().stream().map(CartLine::sku).toList(), channel, cart.currency(), cart.country());
		for (CartLine line : cart.lines()) {
			Quotes.Quote quote = quotes.quote(line.sku(), channel, cart.currency(), cart.country());
			PriceQuote price = quote.price();
			if (price != null && !price.gross().equals(line.unitPrice())) {
				store.upsertLine(id, new CartLine(line.sku(), line.quantity(), price.gross(), price.net(), price.tax(),
						price.taxRate().rate(), line.channelId(), line.addedAt()));
			}
		}
		touch(cart, channel, cart.reservationId(), cart.reservationChannelId());
		return view(id, channel, null);
	}

	/** The cart locked for a change, refused unless it is open and the caller's. */
	Cart lockOpen(CartId id, @Nullable String customer) {
		return visible(id, customer, true).requireOpen(clock.instant());
	}

	/**
	 * The cart locked for a change of its lines; the same statement reads the channel's
	 * reservation policy, which the change then holds stock by.
	 */
	private Cart lockOpen(CartId id, @Nullable String customer, ChannelId channel) {
		Cart cart = store.find(id, true, channel).orElseThrow(() -> new NotFoundException("cart", id.value()));
		return mine(cart, customer).requireOpen(clock.instant());
	}

	/** The cart, or 404 when it belongs to another customer than the one named. */
	private Cart visible(CartId id, @Nullable String customer, boolean lock) {
		return mine(store.find(id, lock).orElseThrow(() -> new NotFoundException("cart", id.value())), customer);
	}

	private Cart mine(Cart cart, @Nullable String customer) {
		if (customer != null && !CartClaims.belongsTo(cart, customers.of(customer, "customer"))) {
			throw new NotFoundException("cart", cart.id().value());
		}
		return cart;
	}

	/**
	 * Writes a changed line (or a removed one) and holds stock as the channel's policy
	 * says.
	 */
	private Cart write(Cart cart, ChannelId channel, List<CartLine> lines, @Nullable CartLine changed,
			@Nullable String removed) {
		quotes.prefetch(lines.stream().map(CartLine::sku).toList(), channel, cart.currency(), cart.country());
		Cart held = cartHolds.hold(cart, channel, lines);
		if (removed != null) {
			store.deleteLine(cart.id(), removed);
		}
		// The changed line and the cart's own columns are written by one statement
		Cart written = touched(cart, channel, held.reservationId(), held.reservationChannelId());
		if (changed != null) {
			store.update(written, changed);
		}
		else {
			store.update(written);
		}
		// What was just written is the cart: it is not read back, only checked again
		List<CartLine> ordered = lines.stream()
			.sorted(Comparator.comparing(CartLine::addedAt).thenComparing(CartLine::sku))
			.toList();
		return checks.withChanges(new Cart(written.id(), written.status(), written.currency(), written.country(),
				written.customerIds(), written.profileId(), written.channelId(), written.reservationId(),
				written.reservationChannelId(), written.mergedInto(), written.orderId(), ordered, List.of(),
				written.expiresAt(), written.createdAt(), written.updatedAt()), channel);
	}

	/** Lets go of what the cart holds, if it still holds anything. */
	void release(Cart cart) {
		cartHolds.release(cart);
	}

	/** Marks the cart checked out as the order. */
	void checkedOut(Cart cart, OrderId order, ChannelId channel) {
		Instant now = clock.instant();
		store.update(new Cart(cart.id(), CartStatus.CHECKED_OUT, cart.currency(), cart.country(), cart.customerIds(),
				cart.profileId(), channel, null, null, null, order, cart.lines(), List.of(), cart.expiresAt(),
				cart.createdAt(), now));
	}

	/** Writes the cart's own columns as of now; returns the cart written. */
	Cart touch(Cart cart, ChannelId channel, @Nullable ReservationId reservation,
			@Nullable ChannelId reservationChannel) {
		Cart touched = touched(cart, channel, reservation, reservationChannel);
		store.update(touched);
		return touched;
	}

	/** The cart's own columns as of now, not yet written. */
	private Cart touched(Cart cart, ChannelId channel, @Nullable ReservationId reservation,
			@Nullable ChannelId reservationChannel) {
		Instant now = clock.instant();
		return new Cart(cart.id(), cart.status(), cart.currency(), cart.country(), cart.customerIds(), cart.profileId(),
				channel, reservation, reservationChannel, cart.mergedInto(), cart.orderId(), cart.lines(), List.of(),
				now.plus(properties.cartTtl()), cart.createdAt(), now);
	}

	/** The lines with {@code line} in the place of its SKU's, or after them if new. */
	private static List<CartLine> replace(List<CartLine> lines, CartLine line) {
		List<CartLine> replaced = new ArrayList<>(lines);
		int at = lines.stream().map(CartLine::sku).toList().indexOf(line.sku());
		if (at < 0) {
			replaced.add(line);
		}
		else {
			replaced.set(at, line);
		}
		return replaced;
	}

	private static ProblemException lineNotFound(Cart cart, String sku) {
		return new ProblemException(ProblemType.NOT_FOUND,
				"Cart " + cart.id() + " has no line for SKU '" + abbreviate(sku) + "'",
				List.of(new FieldError("sku", "is not in the cart")));
	}

	static String abbreviate(String text) {
		return text.length() <= 64 ? text : text.substring(0, 64) + "…";
	}

	/** The ways to name a customer; {@code null} for those not given. */
	public record CustomerIds(@Nullable String anonymousId, @Nullable String userId, @Nullable String email,
			@Nullable String phone, @Nullable String loyaltyCard, @Nullable String profileId) {
	}

}
