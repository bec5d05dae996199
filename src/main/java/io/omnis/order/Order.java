package io.omnis.order;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * An order: its lines as sold, totals and tax as quoted, and where it is in its
 * lifecycle. It changes state only through the guarded methods below, each refusing an
 * illegal transition with a 409 problem.
 *
 * @param customer the reference it was placed under (a profile id or an identifier)
 * @param customerIds every identifier the customer had at the time, so that the order
 * stays in her history whatever merges later
 * @param locationId the store of a till sale
 * @param reservationId the stock held for it
 * @param paymentDueAt when an unpaid order is cancelled and its stock let go
 */
public record Order(OrderId id, OrderKind kind, OrderStatus status, @Nullable CartId cartId, ChannelId channelId,
		@Nullable String locationId, String currency, String country, @Nullable String customer,
		List<String> customerIds, @Nullable String profileId, List<OrderLine> lines, Money net, Money tax, Money total,
		@Nullable String reservationId, String paymentMethod, @Nullable String paymentReference,
		@Nullable Instant paymentDueAt, @Nullable String cancelReason, Instant placedAt, @Nullable Instant paidAt,
		@Nullable Instant allocatedAt, @Nullable Instant fulfilledAt, @Nullable Instant completedAt,
		@Nullable Instant cancelledAt, Instant updatedAt) {

	public Order paid(String method, @Nullable String reference, Instant now) {
		require(OrderStatus.PAID, "paid");
		return new Order(id, kind, OrderStatus.PAID, cartId, channelId, locationId, currency, country, customer,
				customerIds, profileId, lines, net, tax, total, reservationId, method, reference, null, cancelReason,
				placedAt, now, allocatedAt, fulfilledAt, completedAt, cancelledAt, now);
	}

	public Order allocated(Instant now) {
		require(OrderStatus.ALLOCATED, "allocated");
		return new Order(id, kind, OrderStatus.ALLOCATED, cartId, channelId, locationId, currency, country, customer,
				customerIds, profileId, lines, net, tax, total, reservationId, paymentMethod, paymentReference,
				paymentDueAt, cancelReason, placedAt, paidAt, now, fulfilledAt, completedAt, cancelledAt, now);
	}

	public Order fulfilled(Instant now) {
		require(OrderStatus.FULFILLED, "fulfilled");
		return new Order(id, kind, OrderStatus.FULFILLED, cartId, channelId, locationId, currency, country, customer,
				customerIds, profileId, lines, net, tax, total, reservationId, paymentMethod, paymentReference,
				paymentDueAt, cancelReason, placedAt, paidAt, allocatedAt, now, completedAt, cancelledAt, now);
	}

	public Order completed(Instant now) {
		require(OrderStatus.COMPLETED, "completed");
		return new Order(id, kind, OrderStatus.COMPLETED, cartId, channelId, locationId, currency, country, customer,
				customerIds, profileId, lines, net, tax, total, reservationId, paymentMethod, paymentReference,
				paymentDueAt, cancelReason, placedAt, paidAt, allocatedAt, fulfilledAt, now, cancelledAt, now);
	}

	public Order cancelled(String reason, Instant now) {
		require(OrderStatus.CANCELLED, "cancelled");
		return new Order(id, kind, OrderStatus.CANCELLED, cartId, channelId, locationId, currency, country, customer,
				customerIds, profileId, lines, net, tax, total, reservationId, paymentMethod, paymentReference,
				paymentDueAt, reason, placedAt, paidAt, allocatedAt, fulfilledAt, completedAt, now, now);
	}

	public int units() {
		return lines.stream().mapToInt(OrderLine::quantity).sum();
	}

	/** The event that tells other modules this order reached its present state. */
	public Object event() {
		Instant at = updatedAt;
		return switch (status) {
			case PLACED -> new OrderPlaced(id, kind, channelId, profileId, total, at);
			case PAID -> new OrderPaid(id, channelId, profileId, total, paymentMethod, at);
			case ALLOCATED -> new OrderAllocated(id, channelId, profileId, at);
			case FULFILLED -> new OrderFulfilled(id, channelId, profileId, at);
			case COMPLETED -> new OrderCompleted(id, kind, channelId, profileId, total, at);
			case CANCELLED -> new OrderCancelled(id, channelId, profileId, String.valueOf(cancelReason), at);
		};
	}

	private void require(OrderStatus next, String verb) {
		if (!status.canBecome(next)) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Order " + id + " is " + status + " and cannot be " + verb
							+ (status.next().isEmpty() ? "" : "; it can become " + status.next()),
					List.of(new FieldError("status", "is " + status)))
				.with("orderStatus", status.name());
		}
	}

}
