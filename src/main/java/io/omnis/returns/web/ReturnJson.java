package io.omnis.returns.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.Money;
import io.omnis.returns.Return;
import io.omnis.returns.ReturnLine;
import io.omnis.returns.StoreCreditEntry;

/**
 * The JSON shapes of the returns and store credit API; money as minor units with its
 * currency, and as a decimal string for people.
 */
final class ReturnJson {

	private ReturnJson() {
	}

	record MoneyView(long amount, String currency, String decimal) {

		static MoneyView of(Money m) {
			return new MoneyView(m.minorUnits(), m.currency().getCurrencyCode(), m.amount().toPlainString());
		}

	}

	record ReturnView(String id, String orderId, String channelId, @Nullable String expectedLocationId, String status,
			String resolution, @Nullable String profileId, @Nullable String customer, List<LineView> lines,
			MoneyView amount, @Nullable String note, @Nullable ExchangeView exchange,
			@Nullable String receivedLocationId, @Nullable String receivedBy, @Nullable Instant receivedAt,
			@Nullable String refundId, @Nullable String creditEntryId, Instant createdAt, Instant updatedAt,
			@Nullable Instant cancelledAt) {

		static ReturnView of(Return r) {
			return new ReturnView(r.id().value(), r.orderId().value(), r.channelId().value(), r.expectedLocationId(),
					r.status().name(), r.resolution().name(), r.profileId(), r.customer(),
					r.lines().stream().map(LineView::of).toList(), MoneyView.of(r.amount()), r.note(),
					r.exchange() == null ? null : ExchangeView.of(r.exchange()), r.receivedLocationId(), r.receivedBy(),
					r.receivedAt(), r.refundId(), r.creditEntryId(), r.createdAt(), r.updatedAt(), r.cancelledAt());
		}

	}

	record LineView(int line, String sku, int quantity, MoneyView unitRefund, String reason, @Nullable String note,
			@Nullable String disposition, @Nullable String disposedTo) {

		static LineView of(ReturnLine l) {
			return new LineView(l.orderLine(), l.sku(), l.quantity(), MoneyView.of(l.unitRefund()), l.reason().name(),
					l.note(), l.disposition() == null ? null : l.disposition().name(), l.disposedTo());
		}

	}

	/**
	 * @param difference the new items' total less the return's amount: charged when more
	 * than zero, given back on receipt (to {@code refundTo}) when less
	 */
	record ExchangeView(String sku, int quantity, @Nullable String fulfilmentId, @Nullable Instant handedOverAt,
			@Nullable MoneyView unitPrice, @Nullable MoneyView difference, @Nullable String chargeMethod,
			@Nullable String chargeReference, @Nullable String refundTo, @Nullable String chargeReturned) {

		static ExchangeView of(Return.Exchange e) {
			return new ExchangeView(e.sku(), e.quantity(), e.fulfilmentId(), e.handedOverAt(),
					e.unitPrice() == null ? null : MoneyView.of(e.unitPrice()),
					e.difference() == null ? null : MoneyView.of(e.difference()), e.chargeMethod(), e.chargeReference(),
					e.refundTo() == null ? null : e.refundTo().name(), e.chargeReturned());
		}

	}

	record OrderReturnsView(String orderId, List<ReturnableView> returnable, List<ReturnView> data) {
	}

	record ReturnableView(int line, String sku, int bought, int returnable) {
	}

	record StoreCreditView(String profileId, List<MoneyView> balances, List<EntryView> data,
			@Nullable String nextCursor) {
	}

	record EntryView(String id, MoneyView amount, MoneyView balanceAfter, String reference, String reason,
			Instant createdAt) {

		static EntryView of(StoreCreditEntry e) {
			return new EntryView(e.id(), MoneyView.of(e.amount()), MoneyView.of(e.balanceAfter()), e.reference(),
					e.reason(), e.createdAt());
		}

	}

}
