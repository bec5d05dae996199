package io.omnis.order.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.omnis.catalog.CatalogSearch;
import io.omnis.catalog.Product;
import io.omnis.catalog.Variant;
import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.CartId;
import io.omnis.order.CartClaims;
import io.omnis.order.CartHandovers;
import io.omnis.order.Carts;
import io.omnis.order.Checkout;
import io.omnis.order.NewCart;
import io.omnis.order.Order;
import io.omnis.order.Orders;
import io.omnis.order.internal.StockHolds;

/**
 * The till page for store associates: choose the store's till, scan barcodes (a scanner
 * types them and presses Enter), name the customer, take over a cart handed over by code,
 * and take the payment. The cart lives in Omnis, so the page keeps no state of its own.
 */
@Controller
@RequestMapping("/console/till")
class TillPages {

	private final Carts carts;

	private final CartClaims claims;

	private final CartHandovers handovers;

	private final Checkout checkout;

	private final Orders orders;

	private final Channels channels;

	private final CatalogSearch search;

	private final StockHolds holds;

	TillPages(Carts carts, CartClaims claims, CartHandovers handovers, Checkout checkout, Orders orders,
			Channels channels, CatalogSearch search, StockHolds holds) {
		this.carts = carts;
		this.claims = claims;
		this.handovers = handovers;
		this.checkout = checkout;
		this.orders = orders;
		this.channels = channels;
		this.search = search;
		this.holds = holds;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('carts:write')")
	String till(@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String cart, Model model) {
		List<Channel> tills = channels.page(null, 200, ChannelType.STORE, ChannelStatus.ACTIVE)
			.data()
			.stream()
			.filter(c -> holds.storeOf(c.id()).isPresent())
			.toList();
		model.addAttribute("tills", tills);
		ChannelId till = till(channel);
		model.addAttribute("channel", till == null ? null : till.value());
		if (till != null && cart != null && CartId.isValid(cart)) {
			model.addAttribute("cart", carts.view(new CartId(cart), till, null));
		}
		return "order/till";
	}

	@PostMapping("/scan")
	@PreAuthorize("hasAuthority('carts:write')")
	String scan(@RequestParam String channel, @RequestParam(required = false) @Nullable String cart,
			@RequestParam String code, @RequestParam(defaultValue = "1") int quantity, RedirectAttributes redirect) {
		ChannelId till = required(channel);
		return attempt(redirect, channel, cart, () -> {
			CartId id = cart == null || cart.isBlank()
					? carts
						.create(till,
								new NewCart(
										currency(till), country(till),
										new Carts.CustomerIds("till-" + UUID.randomUUID(), null, null, null, null,
												null)))
						.id()
					: new CartId(cart);
			carts.addLine(id, till, sku(code.strip()), quantity, null, null);
			return id.value();
		});
	}

	@PostMapping("/customer")
	@PreAuthorize("hasAuthority('carts:write')")
	String customer(@RequestParam String channel, @RequestParam String cart, @RequestParam String type,
			@RequestParam String value, RedirectAttributes redirect) {
		ChannelId till = required(channel);
		return attempt(redirect, channel, cart, () -> {
			String given = value.strip();
			Carts.CustomerIds ids = switch (type) {
				case "email" -> new Carts.CustomerIds(null, null, given, null, null, null);
				case "phone" -> new Carts.CustomerIds(null, null, null, given, null, null);
				default -> new Carts.CustomerIds(null, null, null, null, given, null);
			};
			return claims.identify(new CartId(cart), till, ids).id().value();
		});
	}

	@PostMapping("/takeover")
	@PreAuthorize("hasAuthority('carts:write')")
	String takeOver(@RequestParam String channel, @RequestParam String code, RedirectAttributes redirect) {
		ChannelId till = required(channel);
		return attempt(redirect, channel, null, () -> handovers.takeOver(code, till).id().value());
	}

	@PostMapping("/pay")
	@PreAuthorize("hasAuthority('carts:write') and hasAuthority('orders:write')")
	String pay(@RequestParam String channel, @RequestParam String cart, @RequestParam String method,
			@RequestParam(required = false) @Nullable String cardNumber, RedirectAttributes redirect) {
		ChannelId till = required(channel);
		try {
			Order order = checkout.checkout(new CartId(cart), till,
					new Checkout.Payment(method, cardNumber == null ? Map.of() : Map.of("cardNumber", cardNumber)),
					null, null);
			if (order.paidAt() == null) {
				// Paid at the till in cash or by the store's own terminal
				order = orders.pay(order.id().value(), "pay-in-store", Map.of(), null);
			}
			return "redirect:/console/orders/" + order.id();
		}
		catch (ProblemException refused) {
			redirect.addFlashAttribute("error", refused.getMessage());
			return "redirect:/console/till?channel=" + channel + "&cart=" + cart;
		}
	}

	private String attempt(RedirectAttributes redirect, String channel, @Nullable String cart, Action action) {
		String shown = cart;
		try {
			shown = action.run();
		}
		catch (ProblemException refused) {
			redirect.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/console/till?channel=" + channel + (shown == null || shown.isBlank() ? "" : "&cart=" + shown);
	}

	/** A scanned barcode's SKU, or what was typed when it is a SKU already. */
	private String sku(String code) {
		List<Product> found = search.find(new CatalogSearch.Query(null, null, code, null, null), null, 1).data();
		return found.stream()
			.flatMap(product -> product.variants().stream())
			.filter(variant -> code.equals(variant.barcode()))
			.map(Variant::sku)
			.findFirst()
			.orElse(code);
	}

	private String country(ChannelId till) {
		return holds.storeOf(till).map(store -> store.address().country()).orElse("PT");
	}

	/** The currency of the store's country. */
	private String currency(ChannelId till) {
		try {
			return java.util.Currency.getInstance(java.util.Locale.of("", country(till))).getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			return "EUR";
		}
	}

	private static @Nullable ChannelId till(@Nullable String channel) {
		return channel != null && Ids.isValid(ChannelId.PREFIX, channel) ? new ChannelId(channel) : null;
	}

	private ChannelId required(String channel) {
		ChannelId till = till(channel);
		if (till == null || holds.storeOf(till).isEmpty()) {
			throw ProblemException.invalidField("channel", "must be a store's till channel");
		}
		return till;
	}

	/** A till action that answers the cart to show next. */
	private interface Action {

		String run();

	}

}
