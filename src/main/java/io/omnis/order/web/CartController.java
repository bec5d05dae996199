package io.omnis.order.web;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.CartClaims;
import io.omnis.order.CartHandovers;
import io.omnis.order.Carts;
import io.omnis.order.Checkout;
import io.omnis.order.NewCart;
import io.omnis.order.internal.DeliveryStore;
import io.omnis.order.Order;
import io.omnis.order.Refunds;
import io.omnis.order.ReservationPolicies;
import io.omnis.order.internal.QrCodes;
import io.omnis.order.web.OrderJson.CartView;
import io.omnis.order.web.OrderJson.CheckoutBody;
import io.omnis.order.web.OrderJson.HandoverView;
import io.omnis.order.web.OrderJson.LineBody;
import io.omnis.order.web.OrderJson.NewCartBody;
import io.omnis.order.web.OrderJson.OrderView;
import io.omnis.order.web.OrderJson.PaymentBody;
import io.omnis.order.web.OrderJson.PolicyBody;
import io.omnis.order.web.OrderJson.PolicyView;
import io.omnis.order.web.OrderJson.QuantityBody;

/**
 * {@code /api/v1/carts}: carts that follow the customer across channels, their hand-over
 * to a till, and checkout. Calls carry {@code customer} (a profile id or an identifier)
 * when a channel acts for a signed-in customer: a cart of someone else then answers 404.
 */
@RestController
@RequestMapping(path = "/api/v1/carts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Carts", description = "Carts that follow the customer across channels; hand-over to a till; checkout")
class CartController {

	private final Carts carts;

	private final CartClaims claims;

	private final CartHandovers handovers;

	private final Checkout checkout;

	private final ReservationPolicies policies;

	private final Channels channels;

	private final DeliveryStore deliveries;

	private final Refunds refunds;

	CartController(Carts carts, CartClaims claims, CartHandovers handovers, Checkout checkout,
			ReservationPolicies policies, Channels channels, DeliveryStore deliveries, Refunds refunds) {
		this.refunds = refunds;
		this.carts = carts;
		this.claims = claims;
		this.handovers = handovers;
		this.deliveries = deliveries;
		this.checkout = checkout;
		this.policies = policies;
		this.channels = channels;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "Start a cart",
			description = "Requires `carts:write`. `currency` and `country` (where tax is due) are required, and an "
					+ "`anonymousId` unless the customer is known (`userId`, `email`, `phone`, `loyaltyCard`, "
					+ "`profileId`). `lines` (`[{sku, quantity}]`, each SKU once) starts it with those lines, "
					+ "priced and held as if each were added right after: all of them or, with a problem naming "
					+ "the line (`lines[1].sku`), no cart at all.")
	ResponseEntity<CartView> create(@RequestBody NewCartBody body, @RequestParam(required = false) String channel,
			Authentication caller) {
		var cart = carts.create(Callers.channel(caller, channel, channels),
				new NewCart(body.currency(), body.country(), body.customer(), body.lines()));
		return ResponseEntity.created(URI.create("/api/v1/carts/" + cart.id())).body(CartView.of(cart));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "One cart, checked again",
			description = "Requires `carts:write`. `changes` lists what changed since each line was added: a new "
					+ "price, fewer units available, a product no longer sold in this channel.")
	CartView get(@PathVariable String id, @RequestParam(required = false) String customer,
			@RequestParam(required = false) String channel, Authentication caller) {
		return CartView.of(carts.view(Callers.cart(id), Callers.channel(caller, channel, channels), customer));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "The customer's open cart, from whichever channel",
			description = "Requires `carts:write`. `customer` is a profile id or an identifier (`user_id:…`); "
					+ "any identifier of her profile finds the cart, an anonymous web cart included.")
	CartView open(@RequestParam(required = false) String customer, @RequestParam(required = false) String channel,
			Authentication caller) {
		if (customer == null) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'customer' is required",
					java.util.List.of(new FieldError("customer", "is required")));
		}
		return CartView.of(carts.openCartOf(customer, Callers.channel(caller, channel, channels)));
	}

	@PostMapping(path = "/{id}/lines", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "Add units of a SKU",
			description = "Requires `carts:write`. The line keeps the price of now; its stock is held at once when "
					+ "the channel reserves on add to cart.")
	CartView add(@PathVariable String id, @RequestBody LineBody body, @RequestParam(required = false) String customer,
			@RequestParam(required = false) String channel, Authentication caller) {
		return CartView.of(carts.addLine(Callers.cart(id), Callers.channel(caller, channel, channels), body.sku(),
				body.quantity(), body.currency(), customer));
	}

	@PutMapping(path = "/{id}/lines/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "Change the units of a line", description = "Requires `carts:write`.")
	CartView change(@PathVariable String id, @PathVariable String sku, @RequestBody QuantityBody body,
			@RequestParam(required = false) String customer, @RequestParam(required = false) String channel,
			Authentication caller) {
		return CartView.of(carts.setLine(Callers.cart(id), Callers.channel(caller, channel, channels), sku,
				body.quantity(), customer));
	}

	@DeleteMapping("/{id}/lines/{sku}")
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "Remove a line", description = "Requires `carts:write`.")
	CartView remove(@PathVariable String id, @PathVariable String sku, @RequestParam(required = false) String customer,
			@RequestParam(required = false) String channel, Authentication caller) {
		return CartView
			.of(carts.removeLine(Callers.cart(id), Callers.channel(caller, channel, channels), sku, customer));
	}

	@PostMapping("/{id}/accept-changes")
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "Take today's prices for the lines whose price changed",
			description = "Requires `carts:write`. Only once the customer has seen them.")
	CartView accept(@PathVariable String id, @RequestParam(required = false) String customer,
			@RequestParam(required = false) String channel, Authentication caller) {
		return CartView.of(carts.acceptChanges(Callers.cart(id), Callers.channel(caller, channel, channels), customer));
	}

	@PostMapping(path = "/{id}/identify", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "Attach the customer; an anonymous cart joins her open cart",
			description = "Requires `carts:write`. Body: `userId`, `email`, `phone`, `loyaltyCard` or `profileId`. "
					+ "When she has an open cart already, this cart's lines join it and the answer is that cart.")
	CartView identify(@PathVariable String id, @RequestBody NewCartBody body,
			@RequestParam(required = false) String channel, Authentication caller) {
		return CartView
			.of(claims.identify(Callers.cart(id), Callers.channel(caller, channel, channels), body.customer()));
	}

	@PostMapping("/{id}/handover")
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "A short code (and its QR code) to finish the cart at a till",
			description = "Requires `carts:write`. 8 characters, valid 15 minutes, one per cart, used once.")
	ResponseEntity<HandoverView> handover(@PathVariable String id, @RequestParam(required = false) String customer) {
		return ResponseEntity.status(201).body(HandoverView.of(handovers.handover(Callers.cart(id), customer)));
	}

	@GetMapping(path = "/handover/{code}/qr.svg", produces = "image/svg+xml")
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "The hand-over code as a QR code", description = "Requires `carts:write`.")
	ResponseEntity<String> qr(@PathVariable String code) {
		handovers.waiting(code);
		return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).body(QrCodes.svg(code));
	}

	@PostMapping("/handover/{code}")
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "A store's till takes the cart over by its code",
			description = "Requires `carts:write` with a key of a STORE channel tied to a store (or a console user "
					+ "naming it). The code is used up.")
	CartView takeOver(@PathVariable String code, @RequestParam(required = false) String channel,
			Authentication caller) {
		return CartView.of(handovers.takeOver(code, Callers.channel(caller, channel, channels)));
	}

	@PostMapping(path = "/{id}/checkout", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('carts:write')")
	@Operation(summary = "Place the order, once",
			description = "Requires `carts:write` and an `Idempotency-Key`. `payment.method` is `test-card` "
					+ "(with `cardNumber`), `pay-in-store` or `store-credit`; `payment.storeCredit` (minor units, "
					+ "below the total, a known customer) pays that much from her store credit first and the "
					+ "method the rest (400 or 409 naming `payment.storeCredit`). Refused with 409 `price-changed` naming the lines "
					+ "whose price changed, 409 `insufficient-stock`, 402 `payment-declined`; nothing is kept then. "
					+ "With `fulfilment` (`method` SHIP, SAME_DAY, PICKUP or CURBSIDE; `destination` "
					+ "{latitude, longitude} or `pickupLocationId`) a paid order is routed at once and answered "
					+ "ALLOCATED, its stock then held by the fulfilment only; if routing fails it stays PAID, "
					+ "its checkout hold kept.")
	ResponseEntity<OrderView> checkout(@PathVariable String id, @RequestBody CheckoutBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
			@RequestParam(required = false) String customer, @RequestParam(required = false) String channel,
			Authentication caller) {
		if (key == null) {
			throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_INVALID,
					"Checkout requires an Idempotency-Key header, so that a retried submission places one order",
					java.util.List.of(new FieldError("Idempotency-Key", "is required")));
		}
		PaymentBody payment = body.payment() == null ? new PaymentBody(null, null) : body.payment();
		Order order = checkout.checkout(Callers.cart(id), Callers.channel(caller, channel, channels), payment.payment(),
				body.currency(), customer, body.fulfilment() == null ? null : body.fulfilment().delivery());
		DeliveryStore.Summary delivery = body.fulfilment() == null ? null : deliveries.summary(order.id());
		OrderView view = OrderView.of(order, delivery);
		// A split payment answers its parts; one method is the order's own paymentMethod
		return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id()))
			.body(payment.storeCredit() == null ? view : view.with(refunds.payments(order)));
	}

	@GetMapping("/reservation-policies/{channelId}")
	@PreAuthorize("hasAuthority('carts:write') or hasAuthority('orders:manage')")
	@Operation(summary = "When a channel holds stock for carts", description = "Requires `carts:write`.")
	PolicyView policy(@PathVariable String channelId) {
		return PolicyView.of(policies.of(known(channelId)));
	}

	@PutMapping(path = "/reservation-policies/{channelId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('orders:manage')")
	@Operation(summary = "Hold stock on add to cart (for `holdMinutes`) or only at checkout",
			description = "Requires `orders:manage`. `mode`: `ON_ADD` or `AT_CHECKOUT`.")
	PolicyView setPolicy(@PathVariable String channelId, @RequestBody PolicyBody body) {
		if (body.mode() == null) {
			throw ProblemException.invalidField("mode", "is required: ON_ADD or AT_CHECKOUT");
		}
		return PolicyView.of(policies.set(known(channelId), body.mode(),
				body.holdMinutes() == null ? (int) ReservationPolicies.DEFAULT_HOLD.toMinutes() : body.holdMinutes()));
	}

	private ChannelId known(String channelId) {
		if (!io.omnis.kernel.Ids.isValid(ChannelId.PREFIX, channelId)
				|| channels.find(new ChannelId(channelId)).isEmpty()) {
			throw ProblemException.invalidField("channelId", "is not a known channel");
		}
		return new ChannelId(channelId);
	}

}
