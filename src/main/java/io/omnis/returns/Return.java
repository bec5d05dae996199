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
	 * The item given in exchange: its SKU, units, and the fulfilment that ships it or
	 * hands it over.
	 */
	public record Exchange(String sku, int quantity, @Nullable String fulfilmentId, @Nullable Instant handedOverAt) {
	}

}
