package io.omnis.order;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.CustomerNotices;
import io.omnis.conversation.Notice;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.Pickup;
import io.omnis.fulfilment.PickupExpired;
import io.omnis.fulfilment.Pickups;
import io.omnis.inventory.Location;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.internal.DeliveryStore;
import io.omnis.order.internal.OrderStore;

/**
 * Tells the customer of a click-and-collect or curbside order that it is ready, with a
 * pickup code, the link to its QR code (and to "I have arrived"), and her store's address
 * and hours; and that it was cancelled when she did not come. Resending issues a new
 * code: codes are kept hashed only, so the one sent before stops working.
 */
@Service
@Transactional
public class PickupNotices {

	private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm",
			Locale.ENGLISH);

	private final OrderStore orders;

	private final Orders lifecycle;

	private final DeliveryStore deliveries;

	private final Pickups pickups;

	private final Locations locations;

	private final CustomerNotices notices;

	PickupNotices(OrderStore orders, Orders lifecycle, DeliveryStore deliveries, Pickups pickups, Locations locations,
			CustomerNotices notices) {
		this.orders = orders;
		this.lifecycle = lifecycle;
		this.deliveries = deliveries;
		this.pickups = pickups;
		this.locations = locations;
		this.notices = notices;
	}

	/**
	 * What a resend did: the notice that carries the new code (never the code itself).
	 */
	public record Resent(OrderId orderId, FulfilmentId fulfilmentId, String noticeId, String noticeStatus) {
	}

	/** The pickup of the order once it is ready, if it is a click-and-collect order. */
	@Transactional(readOnly = true)
	public Optional<Pickup> pickupOf(OrderId order) {
		return deliveries.find(order)
			.map(DeliveryStore.Delivery::fulfilmentId)
			.flatMap(fulfilment -> fulfilment == null ? Optional.empty() : pickups.find(fulfilment));
	}

	/** The order's pickup is ready: the customer gets her code. */
	public void ready(FulfilmentId fulfilment) {
		deliveries.orderOf(fulfilment)
			.flatMap(id -> orders.find(id, false))
			.filter(order -> order.status() == OrderStatus.ALLOCATED)
			.ifPresent(order -> tell(order, fulfilment, false));
	}

	/** Sends the customer a new pickup code (the previous one stops working). */
	public Resent resend(String orderId) {
		if (!OrderId.isValid(orderId)) {
			throw new NotFoundException("order", orderId);
		}
		Order order = orders.find(new OrderId(orderId), true)
			.orElseThrow(() -> new NotFoundException("order", orderId));
		FulfilmentId fulfilment = deliveries.find(order.id())
			.filter(d -> d.method().atStore())
			.map(DeliveryStore.Delivery::fulfilmentId)
			.orElseThrow(() -> ProblemException
				.conflict("Order " + orderId + " is not a click-and-collect or curbside order routed to a store"));
		Pickup pickup = pickups.find(fulfilment)
			.orElseThrow(() -> ProblemException.conflict("Order " + orderId + " is not ready to collect yet"));
		if (pickup.status() != Pickup.Status.READY) {
			throw ProblemException.conflict(
					"Order " + orderId + " is no longer waiting to be collected: its pickup is " + pickup.status());
		}
		Notice notice = tell(order, fulfilment, true);
		if (notice == null) {
			throw ProblemException.conflict("Order " + orderId + " has no known customer to send a code to");
		}
		return new Resent(order.id(), fulfilment, notice.id(), notice.status());
	}

	/**
	 * The hold period passed: an order nothing of which was collected is cancelled (its
	 * stock is already back), and the customer is told.
	 */
	public void expired(PickupExpired expired) {
		Order order = deliveries.orderOf(expired.fulfilmentId()).flatMap(id -> orders.find(id, false)).orElse(null);
		if (order == null) {
			return;
		}
		if (expired.collected() == 0 && order.status() == OrderStatus.ALLOCATED) {
			lifecycle.cancel(order.id().value(), "not collected within the hold period", null);
		}
		String customer = customerOf(order);
		if (customer == null) {
			return;
		}
		String text = expired.collected() == 0
				? "Hello,\n\nYour order " + order.id() + " was not collected in time, so we cancelled it and put its "
						+ "items back on the shelf.\n\nThank you for shopping with us.\n"
				: "Hello,\n\nThe " + expired.returned() + " items of your order " + order.id()
						+ " that were not collected in time went back on the shelf.\n\nThank you for shopping with us.\n";
		notices.send(customer, "pickup.expired", order.id().value(), "Your order " + order.id() + " was not collected",
				text);
	}

	private @Nullable Notice tell(Order order, FulfilmentId fulfilment, boolean resent) {
		String customer = customerOf(order);
		if (customer == null) {
			return null;
		}
		Pickups.IssuedCode issued = pickups.issueCode(fulfilment);
		Pickup pickup = issued.pickup();
		Location store = locations.find(pickup.locationId()).orElse(null);
		StringBuilder text = new StringBuilder("Hello,\n\n");
		text.append("Your order ").append(order.id()).append(" is ready to collect");
		if (store != null) {
			text.append(" at ").append(store.name()).append(", ").append(store.address().line1());
			if (store.address().postalCode() != null) {
				text.append(", ").append(store.address().postalCode());
			}
			text.append(" ").append(store.address().city());
		}
		text.append(".\n\n");
		if (resent) {
			text.append("This is a new code: the one we sent before no longer works.\n");
		}
		text.append("Your pickup code: ").append(issued.code()).append("\n");
		text.append("Show it at the counter, or its QR code: ").append(issued.link()).append("\n\n");
		if (pickup.method() == FulfilmentMethod.CURBSIDE) {
			text.append("Curbside: when you arrive, open the link above, tell us where you parked and tap "
					+ "\"I have arrived\". We bring your order to your car.\n\n");
		}
		ZoneId zone = store == null ? ZoneId.of("UTC") : store.timeZone();
		if (store != null && !store.openingHours().isEmpty()) {
			text.append("Opening hours: ")
				.append(store.openingHours()
					.stream()
					.map(o -> o.day().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + o.opens() + "–"
							+ o.closes())
					.collect(Collectors.joining(", ")))
				.append("\n");
		}
		text.append("We keep it for you until ")
			.append(UNTIL.format(pickup.holdUntil().atZone(zone)))
			.append(" (")
			.append(zone.getId())
			.append(").\n");
		return notices.send(customer, "pickup.ready", order.id().value(),
				"Your order " + order.id() + " is ready to collect", text.toString());
	}

	private static @Nullable String customerOf(Order order) {
		return order.profileId() != null ? order.profileId() : order.customer();
	}

}
