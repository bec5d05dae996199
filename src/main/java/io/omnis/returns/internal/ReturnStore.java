package io.omnis.returns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;
import io.omnis.order.OrderId;
import io.omnis.returns.Disposition;
import io.omnis.returns.Resolution;
import io.omnis.returns.Return;
import io.omnis.returns.ReturnId;
import io.omnis.returns.ReturnLine;
import io.omnis.returns.ReturnReason;
import io.omnis.returns.ReturnStatus;

/**
 * The customer_return and return_line tables.
 */
@Repository
public class ReturnStore {

	private final JdbcClient jdbc;

	ReturnStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Return r) {
		jdbc.sql("""
				insert into customer_return (id, order_id, channel_id, expected_location_id, status, resolution,
				       profile_id, customer, currency, amount, note, exchange_sku, exchange_quantity,
				       exchange_fulfilment_id, exchange_unit_price, exchange_difference, exchange_charge_method,
				       exchange_charge_reference, exchange_refund_to, created_at, updated_at)
				values (:id, :order, :channel, :expected, :status, :resolution, :profile, :customer, :currency,
				        :amount, :note, :exSku, :exQuantity, :exFulfilment, :exUnit, :exDifference, :exMethod,
				        :exReference, :exRefundTo, :at, :at)""")
			.param("id", r.id().value())
			.param("order", r.orderId().value())
			.param("channel", r.channelId().value())
			.param("expected", r.expectedLocationId())
			.param("status", r.status().name())
			.param("resolution", r.resolution().name())
			.param("profile", r.profileId())
			.param("customer", r.customer())
			.param("currency", r.amount().currency().getCurrencyCode())
			.param("amount", r.amount().minorUnits())
			.param("note", r.note())
			.param("exSku", r.exchange() == null ? null : r.exchange().sku())
			.param("exQuantity", r.exchange() == null ? null : r.exchange().quantity())
			.param("exFulfilment", r.exchange() == null ? null : r.exchange().fulfilmentId())
			.param("exUnit",
					r.exchange() == null || r.exchange().unitPrice() == null ? null
							: r.exchange().unitPrice().minorUnits())
			.param("exDifference",
					r.exchange() == null || r.exchange().difference() == null ? null
							: r.exchange().difference().minorUnits())
			.param("exMethod", r.exchange() == null ? null : r.exchange().chargeMethod())
			.param("exReference", r.exchange() == null ? null : r.exchange().chargeReference())
			.param("exRefundTo",
					r.exchange() == null || r.exchange().refundTo() == null ? null : r.exchange().refundTo().name())
			.param("at", Timestamp.from(r.createdAt()))
			.update();
		for (int i = 0; i < r.lines().size(); i++) {
			ReturnLine line = r.lines().get(i);
			jdbc.sql(
					"""
							insert into return_line (return_id, position, order_position, sku, quantity, unit_refund, reason, note)
							values (:id, :position, :orderLine, :sku, :quantity, :unit, :reason, :note)""")
				.param("id", r.id().value())
				.param("position", i)
				.param("orderLine", line.orderLine())
				.param("sku", line.sku())
				.param("quantity", line.quantity())
				.param("unit", line.unitRefund().minorUnits())
				.param("reason", line.reason().name())
				.param("note", line.note())
				.update();
		}
	}

	/** Writes a transition, only from the state it was read in (it is locked). */
	public void transition(Return r, ReturnStatus from) {
		int updated = jdbc.sql("""
				update customer_return set status = :status, received_location_id = :location, received_by = :by,
				       received_at = :receivedAt, refund_id = :refund, credit_entry_id = :credit,
				       updated_at = :updatedAt, cancelled_at = :cancelledAt
				 where id = :id and status = :from""")
			.param("id", r.id().value())
			.param("from", from.name())
			.param("status", r.status().name())
			.param("location", r.receivedLocationId())
			.param("by", r.receivedBy())
			.param("receivedAt", time(r.receivedAt()))
			.param("refund", r.refundId())
			.param("credit", r.creditEntryId())
			.param("updatedAt", Timestamp.from(r.updatedAt()))
			.param("cancelledAt", time(r.cancelledAt()))
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Return " + r.id() + " was not " + from + " any more");
		}
		for (int i = 0; i < r.lines().size(); i++) {
			ReturnLine line = r.lines().get(i);
			jdbc.sql("""
					update return_line set disposition = :disposition, disposed_to = :to
					 where return_id = :id and position = :position""")
				.param("id", r.id().value())
				.param("position", i)
				.param("disposition", line.disposition() == null ? null : line.disposition().name())
				.param("to", line.disposedTo())
				.update();
		}
	}

	public void exchangeHandedOver(String fulfilmentId, Instant at) {
		jdbc.sql("""
				update customer_return set exchange_handed_over_at = :at, updated_at = :at
				 where exchange_fulfilment_id = :fulfilment and exchange_handed_over_at is null""")
			.param("fulfilment", fulfilmentId)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The charge of an exchange's difference was given back (the return cancelled). */
	public void chargeReturned(String returnId, String refundReference) {
		jdbc.sql("update customer_return set exchange_charge_returned = :reference where id = :id")
			.param("id", returnId)
			.param("reference", refundReference)
			.update();
	}

	public void moveProfile(String merged, String survivor) {
		jdbc.sql("update customer_return set profile_id = :survivor where profile_id = :merged")
			.param("survivor", survivor)
			.param("merged", merged)
			.update();
	}

	public Optional<Return> find(ReturnId id, boolean lock) {
		return jdbc.sql("select * from customer_return where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query(this::read)
			.optional();
	}

	public List<Return> ofOrder(OrderId order) {
		return jdbc.sql("select * from customer_return where order_id = :order order by id desc limit 100")
			.param("order", order.value())
			.query(this::read)
			.list();
	}

	/** A page of the returns of a customer's profile, newest first, before the id. */
	public List<Return> ofProfile(String profileId, @Nullable String before, int limit) {
		return jdbc.sql("""
				select * from customer_return where profile_id = :profile and (:before::text is null or id < :before)
				 order by id desc limit :limit""")
			.param("profile", profileId)
			.param("before", before)
			.param("limit", limit)
			.query(this::read)
			.list();
	}

	/**
	 * Requested returns expected at the location (started at its store) or anywhere
	 * (started online), newest first, before the id.
	 */
	public List<Return> expectedAt(String locationId, @Nullable String before, int limit) {
		return jdbc.sql("""
				select * from customer_return
				 where status = 'REQUESTED' and (expected_location_id = :location or expected_location_id is null)
				   and (:before::text is null or id < :before)
				 order by id desc limit :limit""")
			.param("location", locationId)
			.param("before", before)
			.param("limit", limit)
			.query(this::read)
			.list();
	}

	private Return read(ResultSet rs, int row) throws SQLException {
		String id = rs.getString("id");
		String currency = rs.getString("currency");
		List<ReturnLine> lines = jdbc.sql("select * from return_line where return_id = :id order by position")
			.param("id", id)
			.query((l, n) -> new ReturnLine(l.getInt("order_position"), l.getString("sku"), l.getInt("quantity"),
					Money.of(l.getLong("unit_refund"), currency), ReturnReason.valueOf(l.getString("reason")),
					l.getString("note"),
					l.getString("disposition") == null ? null : Disposition.valueOf(l.getString("disposition")),
					l.getString("disposed_to")))
			.list();
		String exchangeSku = rs.getString("exchange_sku");
		Return.Exchange exchange = exchangeSku == null ? null
				: new Return.Exchange(exchangeSku, rs.getInt("exchange_quantity"),
						rs.getString("exchange_fulfilment_id"), instant(rs, "exchange_handed_over_at"),
						money(rs, "exchange_unit_price", currency), money(rs, "exchange_difference", currency),
						rs.getString("exchange_charge_method"), rs.getString("exchange_charge_reference"),
						rs.getString("exchange_refund_to") == null ? null
								: Resolution.valueOf(rs.getString("exchange_refund_to")),
						rs.getString("exchange_charge_returned"));
		return new Return(new ReturnId(id), new OrderId(rs.getString("order_id")),
				new ChannelId(rs.getString("channel_id")), rs.getString("expected_location_id"),
				ReturnStatus.valueOf(rs.getString("status")), Resolution.valueOf(rs.getString("resolution")),
				rs.getString("profile_id"), rs.getString("customer"), lines, Money.of(rs.getLong("amount"), currency),
				rs.getString("note"), exchange, rs.getString("received_location_id"), rs.getString("received_by"),
				instant(rs, "received_at"), rs.getString("refund_id"), rs.getString("credit_entry_id"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				instant(rs, "cancelled_at"));
	}

	private static @Nullable Money money(ResultSet rs, String column, String currency) throws SQLException {
		long amount = rs.getLong(column);
		return rs.wasNull() ? null : Money.of(amount, currency);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp time = rs.getTimestamp(column);
		return time == null ? null : time.toInstant();
	}

	private static @Nullable Timestamp time(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
