package io.omnis.returns;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.OrderId;

/**
 * A return of units of one order: started in a channel, received at a location, resolved
 * by a refund, store credit or an exchange. It changes state only through the guarded
 * methods below.
 *
 * @param expectedLocationId the store it was started at, where it is expected
 * @param amount the price paid for the units returned: what a refund or credit gives
 * @param exchange the item given in exchange, when the resolution is EXCHANGE
 */
public record Return(ReturnId id, OrderId orderId, ChannelId channelId, @Nullable String expectedLocationId,
		ReturnStatus status, Resolution resolution, @Nullable String profileId, @Nullable String customer,
		List<ReturnLine> lines, Money amount, @Nullable String note, @Nullable Exchange exchange,
		@Nullable String receivedLocationId, @Nullable String receivedBy, @Nullable Instant receivedAt,
		@Nullable String refundId, @Nullable String creditEntryId, Instant createdAt, Instant updatedAt,
		@Nullable Instant cancelledAt) {

	public int units() {
		return lines.stream().mapToInt(ReturnLine::quantity).sum();
	}

	/** Received at a location, each line disposed of, and resolved. */
	public Return received(String locationId, String by, List<ReturnLine> disposed, @Nullable String refund,
			@Nullable String credit, Instant now) {
		requireOpen("received");
		return new Return(id, orderId, channelId, expectedLocationId, resolution.done(), resolution, profileId,
				customer, disposed, amount, note, exchange, locationId, by, now, refund, credit, createdAt, now, null);
	}

	public Return cancelled(Instant now) {
		requireOpen("cancelled");
		return new Return(id, orderId, channelId, expectedLocationId, ReturnStatus.CANCELLED, resolution, profileId,
				customer, lines, amount, note, exchange, receivedLocationId, receivedBy, receivedAt, refundId,
				creditEntryId, createdAt, now, now);
	}

	private void requireOpen(String verb) {
		if (!status.isOpen()) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Return " + id + " is " + status + " and cannot be " + verb,
					List.of(new FieldError("status", "is " + status)))
				.with("returnStatus", status.name());
		}
	}

	/**
	 * The item given in exchange: its SKU, units, the fulfilment that ships it or hands
	 * it over, and what it costs against what was returned.
	 *
	 * @param unitPrice the new item's gross unit price (tax included) when it was
	 * exchanged
	 * @param difference its total less the return's amount: more than zero was charged
	 * ({@code chargeMethod}, {@code chargeReference}) before the item was reserved; less
	 * than zero is given back on receipt, to {@code refundTo}
	 * @param refundTo REFUND (the order's payment) or STORE_CREDIT, for a cheaper item
	 * @param chargeReturned the provider's refund of the charge when the return was
	 * cancelled
	 */
	public record Exchange(String sku, int quantity, @Nullable String fulfilmentId, @Nullable Instant handedOverAt,
			@Nullable Money unitPrice, @Nullable Money difference, @Nullable String chargeMethod,
			@Nullable String chargeReference, @Nullable Resolution refundTo, @Nullable String chargeReturned) {

		/** An even exchange, as recorded before prices were compared. */
		public Exchange(String sku, int quantity, @Nullable String fulfilmentId, @Nullable Instant handedOverAt) {
			this(sku, quantity, fulfilmentId, handedOverAt, null, null, null, null, null, null);
		}

		/** What is owed to her on receipt: the difference when the item is cheaper. */
		public @Nullable Money owed() {
			return difference != null && difference.isNegative()
					? new Money(-difference.minorUnits(), difference.currency()) : null;
		}

	}

}
