package io.omnis.fulfilment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.fulfilment.Allocation;
import io.omnis.fulfilment.Explanation;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.RejectionReason;
import io.omnis.fulfilment.Reroute;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.ReservationId;
import io.omnis.inventory.Sku;

/**
 * The fulfilment, fulfilment_allocation and fulfilment_reroute tables.
 */
@Repository
public class FulfilmentStore {

	private final JdbcClient jdbc;

	FulfilmentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The fulfilment and its allocations, in one statement. */
	public void insert(Fulfilment f, Instant now) {
		List<Allocation> allocations = f.allocations();
		jdbc.sql("""
				with inserted as (
				    insert into fulfilment (id, channel_id, reference, customer, method, destination_lat,
				           destination_lon, pickup_location, reservation_id, explanation, created_at, updated_at)
				    values (:id, :channel, :reference, :customer, :method, :lat, :lon, :pickup, :reservation,
				           cast(:explanation as jsonb), :now, :now)
				    returning id)
				insert into fulfilment_allocation (id, fulfilment_id, line_no, sku, quantity, location_id, status,
				       reason, created_at)
				select a.id, inserted.id, a.line, a.sku, a.quantity, a.location, a.status, a.reason, :now
				  from inserted,
				       unnest(cast(:ids as text[]), cast(:lines as int[]), cast(:skus as text[]),
				              cast(:quantities as int[]), cast(:locations as text[]), cast(:statuses as text[]),
				              cast(:reasons as text[])) as a(id, line, sku, quantity, location, status, reason)""")
			.param("id", f.id().value())
			.param("channel", f.channelId().value())
			.param("reference", f.reference())
			.param("customer", f.customer())
			.param("method", f.method().name())
			.param("lat", f.destination() == null ? null : f.destination().latitude())
			.param("lon", f.destination() == null ? null : f.destination().longitude())
			.param("pickup", f.pickupLocationId() == null ? null : f.pickupLocationId().value())
			.param("reservation", f.reservationId().value())
			.param("explanation", RulesStore.JSON.writeValueAsString(f.explanation()))
			.param("now", Timestamp.from(now))
			.param("ids", allocations.stream().map(Allocation::id).toArray(String[]::new))
			.param("lines", allocations.stream().map(Allocation::lineNo).toArray(Integer[]::new))
			.param("skus", allocations.stream().map(a -> a.sku().value()).toArray(String[]::new))
			.param("quantities", allocations.stream().map(Allocation::quantity).toArray(Integer[]::new))
			.param("locations", allocations.stream().map(a -> a.locationId().value()).toArray(String[]::new))
			.param("statuses", allocations.stream().map(a -> a.status().name()).toArray(String[]::new))
			.param("reasons", allocations.stream().map(Allocation::reason).toArray(String[]::new))
			.update();
	}

	public void insertAllocation(FulfilmentId id, Allocation a, Instant now) {
		jdbc.sql("""
				insert into fulfilment_allocation (id, fulfilment_id, line_no, sku, quantity, location_id, status,
				       reason, created_at)
				values (:id, :fulfilment, :line, :sku, :quantity, :location, :status, :reason, :now)""")
			.param("id", a.id())
			.param("fulfilment", id.value())
			.param("line", a.lineNo())
			.param("sku", a.sku().value())
			.param("quantity", a.quantity())
			.param("location", a.locationId().value())
			.param("status", a.status().name())
			.param("reason", a.reason())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Leaves {@code quantity} units of the allocation active. */
	public void shrink(String allocationId, int quantity) {
		jdbc.sql("update fulfilment_allocation set quantity = :quantity where id = :id")
			.param("quantity", quantity)
			.param("id", allocationId)
			.update();
	}

	public void reject(String allocationId, String reason) {
		jdbc.sql("update fulfilment_allocation set status = 'REJECTED', reason = :reason where id = :id")
			.param("reason", reason)
			.param("id", allocationId)
			.update();
	}

	public void insertReroute(FulfilmentId id, Reroute r) {
		jdbc.sql("""
				insert into fulfilment_reroute (id, fulfilment_id, line_no, sku, quantity, from_location, to_locations,
				       reason, note, explanation, actor, occurred_at)
				values (:id, :fulfilment, :line, :sku, :quantity, :from, :to, :reason, :note,
				       cast(:explanation as jsonb), :actor, :at)""")
			.param("id", r.id())
			.param("fulfilment", id.value())
			.param("line", r.lineNo())
			.param("sku", r.sku().value())
			.param("quantity", r.quantity())
			.param("from", r.from().value())
			.param("to", r.to().stream().map(LocationId::value).toArray(String[]::new))
			.param("reason", r.reason().name())
			.param("note", r.note())
			.param("explanation", RulesStore.JSON.writeValueAsString(r.explanation()))
			.param("actor", r.actor())
			.param("at", Timestamp.from(r.occurredAt()))
			.update();
	}

	public boolean exists(ChannelId channel, String reference) {
		return jdbc.sql("select exists (select 1 from fulfilment where channel_id = :channel and reference = :ref)")
			.param("channel", channel.value())
			.param("ref", reference)
			.query(Boolean.class)
			.single();
	}

	/** The fulfilment, its row locked until the transaction ends when {@code lock}. */
	public Optional<Fulfilment> find(FulfilmentId id, boolean lock) {
		return jdbc.sql("select * from fulfilment where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query((rs, row) -> fulfilment(rs))
			.optional()
			.map(f -> new Fulfilment(f.id(), f.channelId(), f.reference(), f.customer(), f.method(), f.destination(),
					f.pickupLocationId(), f.reservationId(), allocations(id), f.explanation(), reroutes(id),
					f.createdAt()));
	}

	private List<Allocation> allocations(FulfilmentId id) {
		return jdbc.sql("select * from fulfilment_allocation where fulfilment_id = :id order by line_no, id")
			.param("id", id.value())
			.query((rs, row) -> new Allocation(rs.getString("id"), rs.getInt("line_no"), new Sku(rs.getString("sku")),
					rs.getInt("quantity"), new LocationId(rs.getString("location_id")),
					Allocation.Status.valueOf(rs.getString("status")), rs.getString("reason")))
			.list();
	}

	private List<Reroute> reroutes(FulfilmentId id) {
		return jdbc.sql("select * from fulfilment_reroute where fulfilment_id = :id order by id")
			.param("id", id.value())
			.query((rs, row) -> new Reroute(rs.getString("id"), rs.getInt("line_no"), new Sku(rs.getString("sku")),
					rs.getInt("quantity"), new LocationId(rs.getString("from_location")),
					Arrays.stream((String[]) rs.getArray("to_locations").getArray()).map(LocationId::new).toList(),
					RejectionReason.valueOf(rs.getString("reason")), rs.getString("note"),
					explanation(rs.getString("explanation")), rs.getString("actor"),
					rs.getTimestamp("occurred_at").toInstant()))
			.list();
	}

	private static Fulfilment fulfilment(ResultSet rs) throws SQLException {
		double lat = rs.getDouble("destination_lat");
		@Nullable Coordinates destination = rs.wasNull() ? null : new Coordinates(lat, rs.getDouble("destination_lon"));
		String pickup = rs.getString("pickup_location");
		return new Fulfilment(new FulfilmentId(rs.getString("id")), new ChannelId(rs.getString("channel_id")),
				rs.getString("reference"), rs.getString("customer"), FulfilmentMethod.valueOf(rs.getString("method")),
				destination, pickup == null ? null : new LocationId(pickup),
				new ReservationId(rs.getString("reservation_id")), List.of(), explanation(rs.getString("explanation")),
				List.of(), rs.getTimestamp("created_at").toInstant());
	}

	private static Explanation explanation(String json) {
		return RulesStore.JSON.readValue(json, Explanation.class);
	}

	/**
	 * Clears what identifies the customer of these fulfilments (her reference, where it
	 * goes, where she parked, what a courier noted): she was erased. The routing and its
	 * explanation stay.
	 * @return how many fulfilments were cleared
	 */
	public int forgetCustomer(String[] references) {
		List<String> ids = jdbc.sql("""
				update fulfilment set customer = null, destination_lat = null, destination_lon = null
				 where reference = any(:references::text[]) returning id""")
			.param("references", references)
			.query(String.class)
			.list();
		String[] cleared = ids.toArray(String[]::new);
		jdbc.sql("update pickup set parking_spot = null where fulfilment_id = any(:ids::text[])")
			.param("ids", cleared)
			.update();
		jdbc.sql("""
				update parcel_event set note = null
				 where parcel_id in (select id from parcel where fulfilment_id = any(:ids::text[]))""")
			.param("ids", cleared)
			.update();
		return ids.size();
	}

}
