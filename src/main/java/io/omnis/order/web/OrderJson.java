package io.omnis.order.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.Money;
import io.omnis.order.Cart;
import io.omnis.order.CartChange;
import io.omnis.order.CartLine;
import io.omnis.order.CartHandovers;
import io.omnis.order.Carts;
import io.omnis.order.Checkout;
import io.omnis.order.NewCartLine;
import io.omnis.order.Order;
import io.omnis.order.OrderLine;
import io.omnis.order.ReservationPolicy;
import io.omnis.order.internal.DeliveryStore;

/**
 * The JSON shapes of the cart and order API. Money is a whole number of minor units with
 * its currency, and the same amount as a decimal string for people.
 */
final class OrderJson {

	private OrderJson() {
	}

	record MoneyView(long amount, String currency, String decimal) {

		static @Nullable MoneyView of(@Nullable Money m) {
			return m == null ? null
					: new MoneyView(m.minorUnits(), m.currency().getCurrencyCode(), m.amount().toPlainString());
		}

	}

	record CartView(String id, String status, String currency, String country, List<String> customerIds,
			@Nullable String profileId, String channelId, @Nullable String reservationId, @Nullable String mergedInto,
			@Nullable String orderId, List<CartLineView> lines, List<ChangeView> changes, MoneyView total,
			Instant expiresAt, Instant createdAt, Instant updatedAt) {

		static CartView of(Cart c) {
			return new CartView(c.id().value(), c.status().name(), c.currency(), c.country(), c.customerIds(),
					c.profileId(), c.channelId().value(), c.reservationId() == null ? null : c.reservationId().value(),
					c.mergedInto() == null ? null : c.mergedInto().value(),
					c.orderId() == null ? null : c.orderId().value(), c.lines().stream().map(CartLineView::of).toList(),
					c.changes().stream().map(ChangeView::of).toList(), MoneyView.of(c.total()), c.expiresAt(),
					c.createdAt(), c.updatedAt());
		}

	}

	record CartLineView(String sku, int quantity, MoneyView unitPrice, MoneyView unitNet, MoneyView unitTax,
			MoneyView total, String channelId, Instant addedAt) {

		static CartLineView of(CartLine l) {
			return new CartLineView(l.sku(), l.quantity(), MoneyView.of(l.unitPrice()), MoneyView.of(l.unitNet()),
					MoneyView.of(l.unitTax()), MoneyView.of(l.total()), l.channelId().value(), l.addedAt());
		}

	}

	record ChangeView(String sku, String kind, @Nullable MoneyView seen, @Nullable MoneyView current,
			@Nullable Integer available, String message) {

		static ChangeView of(CartChange c) {
			return new ChangeView(c.sku(), c.kind().name(), MoneyView.of(c.seen()), MoneyView.of(c.current()),
					c.available(), c.message());
		}

	}

	record OrderView(String id, String kind, String status, @Nullable String cartId, String channelId,
			@Nullable String locationId, String currency, String country, @Nullable String customer,
			List<String> customerIds, @Nullable String profileId, List<OrderLineView> lines, MoneyView net,
			MoneyView tax, MoneyView total, @Nullable String reservationId, String paymentMethod,
			@Nullable String paymentReference, @Nullable Instant paymentDueAt, @Nullable String cancelReason,
			Instant placedAt, @Nullable Instant paidAt, @Nullable Instant allocatedAt, @Nullable Instant fulfilledAt,
			@Nullable Instant completedAt, @Nullable Instant cancelledAt, Instant updatedAt,
			@Nullable DeliveryView fulfilment, @Nullable List<PaymentView> payments) {

		static OrderView of(Order o) {
			return of(o, null);
		}

		/** The order with what each method took for it (answers about one order). */
		OrderView with(List<io.omnis.order.OrderPayment> taken) {
			return new OrderView(id, kind, status, cartId, channelId, locationId, currency, country, customer,
					customerIds, profileId, lines, net, tax, total, reservationId, paymentMethod, paymentReference,
					paymentDueAt, cancelReason, placedAt, paidAt, allocatedAt, fulfilledAt, completedAt, cancelledAt,
					updatedAt, fulfilment, taken.stream().map(PaymentView::of).toList());
		}

		static OrderView of(Order o, DeliveryStore.@Nullable Summary delivery) {
			return new OrderView(o.id().value(), o.kind().name(), o.status().name(),
					o.cartId() == null ? null : o.cartId().value(), o.channelId().value(), o.locationId(), o.currency(),
					o.country(), o.customer(), o.customerIds(), o.profileId(),
					o.lines().stream().map(OrderLineView::of).toList(), MoneyView.of(o.net()), MoneyView.of(o.tax()),
					MoneyView.of(o.total()), o.reservationId(), o.paymentMethod(), o.paymentReference(),
					o.paymentDueAt(), o.cancelReason(), o.placedAt(), o.paidAt(), o.allocatedAt(), o.fulfilledAt(),
					o.completedAt(), o.cancelledAt(), o.updatedAt(), DeliveryView.of(o, delivery), null);
		}

	}

	/**
	 * An amount taken for the order by one method: {@code CHECKOUT}, {@code PAYMENT}
	 * (taken later) or {@code CHARGE} (an exchange's difference), and what of it is
	 * refunded.
	 */
	record PaymentView(String method, String reference, @Nullable MoneyView amount, @Nullable MoneyView refunded,
			String kind, Instant createdAt) {

		static PaymentView of(io.omnis.order.OrderPayment p) {
			return new PaymentView(p.method(), p.reference(), MoneyView.of(p.amount()), MoneyView.of(p.refunded()),
					p.kind().name(), p.createdAt());
		}

	}

	/**
	 * How an online order placed with {@code fulfilment} reaches its customer: the
	 * fulfilment serving it once routed, or why routing failed; its stage, parcels and
	 * pickup are at {@code status}.
	 */
	record DeliveryView(String method, @Nullable String fulfilmentId, @Nullable String routingProblem, String status) {

		static @Nullable DeliveryView of(Order o, DeliveryStore.@Nullable Summary d) {
			return d == null ? null
					: new DeliveryView(d.method().name(), d.fulfilmentId() == null ? null : d.fulfilmentId().value(),
							d.routingProblem(), "/api/v1/orders/" + o.id().value() + "/status");
		}

	}

	record OrderLineView(String sku, int quantity, MoneyView unitPrice, MoneyView unitNet, MoneyView unitTax,
			java.math.BigDecimal taxRate, MoneyView total) {

		static OrderLineView of(OrderLine l) {
			return new OrderLineView(l.sku(), l.quantity(), MoneyView.of(l.unitPrice()), MoneyView.of(l.unitNet()),
					MoneyView.of(l.unitTax()), l.taxRate(), MoneyView.of(l.total()));
		}

	}

	record HandoverView(String code, String cartId, Instant expiresAt, String qrCode) {

		static HandoverView of(CartHandovers.Handover h) {
			return new HandoverView(h.code(), h.cartId().value(), h.expiresAt(),
					"/api/v1/carts/handover/" + h.code() + "/qr.svg");
		}

	}

	record PolicyView(String channelId, String mode, long holdMinutes) {

		static PolicyView of(ReservationPolicy p) {
			return new PolicyView(p.channelId().value(), p.mode().name(), p.hold().toMinutes());
		}

	}

	record NewCartBody(@Nullable String currency, @Nullable String country, @Nullable String anonymousId,
			@Nullable String userId, @Nullable String email, @Nullable String phone, @Nullable String loyaltyCard,
			@Nullable String profileId, @Nullable List<@Nullable NewCartLine> lines) {

		Carts.CustomerIds customer() {
			return new Carts.CustomerIds(anonymousId, userId, email, phone, loyaltyCard, profileId);
		}

	}

	record LineBody(@Nullable String sku, @Nullable Integer quantity, @Nullable String currency) {
	}

	record QuantityBody(@Nullable Integer quantity) {
	}

	/**
	 * How to pay; {@code storeCredit} (minor units) is taken from the customer's store
	 * credit first and {@code method} pays the rest.
	 */
	record PaymentBody(@Nullable String method, @Nullable String cardNumber, @Nullable Object storeCredit) {

		PaymentBody(@Nullable String method, @Nullable String cardNumber) {
			this(method, cardNumber, null);
		}

		Checkout.Payment payment() {
			Map<String, String> details = new java.util.HashMap<>();
			if (cardNumber != null) {
				details.put("cardNumber", cardNumber);
			}
			if (storeCredit != null) {
				details.put(Checkout.STORE_CREDIT, String.valueOf(storeCredit));
			}
			return new Checkout.Payment(method, Map.copyOf(details));
		}

		/** The payment of a till sale or of a placed order: never split. */
		Checkout.Payment whole() {
			if (storeCredit != null) {
				throw io.omnis.kernel.problem.ProblemException.invalidField("payment.storeCredit",
						"is only for a checkout; pay here with one method");
			}
			return payment();
		}

	}

	record CheckoutBody(@Nullable PaymentBody payment, @Nullable String currency, @Nullable FulfilmentBody fulfilment) {
	}

	/** How the order reaches the customer: routed to fulfilment once paid. */
	record FulfilmentBody(@Nullable String method, @Nullable DestinationBody destination,
			@Nullable String pickupLocationId, @Nullable SlotBody slot) {

		io.omnis.order.internal.DeliveryStore.Delivery delivery() {
			return io.omnis.order.internal.DeliveryStore.of(method, destination == null ? null : destination.latitude(),
					destination == null ? null : destination.longitude(), pickupLocationId,
					slot == null ? null : slot.locationId(), slot == null ? null : slot.start(), slot != null);
		}

	}

	/** A same-day slot: the store and the start answered by its same-day-slots. */
	record SlotBody(@Nullable String locationId, @Nullable String start) {
	}

	record DestinationBody(@Nullable Double latitude, @Nullable Double longitude) {
	}

	record CancelBody(@Nullable String reason) {
	}

	record PolicyBody(ReservationPolicy.@Nullable Mode mode, @Nullable Integer holdMinutes) {
	}

	record SaleBody(@Nullable List<io.omnis.order.TillSales.SaleLine> lines, @Nullable String currency,
			io.omnis.order.TillSales.@Nullable SaleCustomer customer, @Nullable PaymentBody payment) {
	}

}
