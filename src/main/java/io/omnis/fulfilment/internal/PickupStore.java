package io.omnis.fulfilment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.Pickup;
import io.omnis.inventory.LocationId;
import io.omnis.kernel.Ids;

/**
 * The pickup, pickup_code and pickup_hand_over tables.
 */
@Repository
public class PickupStore {

	private final JdbcClient jdbc;

	PickupStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return whether it was new (a fulfilment is made ready once)
	 */
	public boolean insertReady(FulfilmentId id, LocationId location, FulfilmentMethod method, Instant readyAt,
			Instant holdUntil) {
		return jdbc.sql("""
				insert into pickup (fulfilment_id, location_id, method, status, ready_at, hold_until)
				values (:id, :location, :method, 'READY', :ready, :hold) on conflict do nothing""")
			.param("id", id.value())
			.param("location", location.value())
			.param("method", method.name())
			.param("ready", Timestamp.from(readyAt))
			.param("hold", Timestamp.from(holdUntil))
			.update() == 1;
	}

	public Optional<Row> find(FulfilmentId id, boolean lock) {
		return jdbc.sql("select * from pickup where fulfilment_id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query((rs, n) -> row(rs))
			.optional();
	}

	/** Ends the active code (REPLACED) and records the new one. */
	public void replaceCode(FulfilmentId id, String hash, Instant now) {
		endCodes(id, "REPLACED", now);
		jdbc.sql("""
				insert into pickup_code (code_hash, fulfilment_id, status, issued_at)
				values (:hash, :id, 'ACTIVE', :now)""")
			.param("hash", hash)
			.param("id", id.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	public boolean codeExists(String hash) {
		return jdbc.sql("select exists (select 1 from pickup_code where code_hash = :hash)")
			.param("hash", hash)
			.query(Boolean.class)
			.single();
	}

	public Optional<Code> code(String hash) {
		return jdbc.sql("select fulfilment_id, status, ended_at from pickup_code where code_hash = :hash")
			.param("hash", hash)
			.query((rs, n) -> new Code(new FulfilmentId(rs.getString(1)), rs.getString(2), instant(rs, "ended_at")))
			.optional();
	}

	public boolean hasActiveCode(FulfilmentId id) {
		return jdbc.sql("select exists (select 1 from pickup_code where fulfilment_id = :id and status = 'ACTIVE')")
			.param("id", id.value())
			.query(Boolean.class)
			.single();
	}

	public void endCodes(FulfilmentId id, String status, Instant now) {
		jdbc.sql("""
				update pickup_code set status = :status, ended_at = :now
				 where fulfilment_id = :id and status = 'ACTIVE'""")
			.param("status", status)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	public void handOver(FulfilmentId id, String allocationId, String sku, int quantity, String by, Instant now) {
		jdbc.sql("""
				insert into pickup_hand_over (id, fulfilment_id, allocation_id, sku, quantity, handed_by, handed_at)
				values (:hid, :id, :allocation, :sku, :quantity, :by, :now)""")
			.param("hid", Ids.next("pho"))
			.param("id", id.value())
			.param("allocation", allocationId)
			.param("sku", sku)
			.param("quantity", quantity)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Units handed over per allocation. */
	public Map<String, Integer> collected(FulfilmentId id) {
		return jdbc.sql("""
				select allocation_id, sum(quantity)::int from pickup_hand_over
				 where fulfilment_id = :id group by allocation_id""")
			.param("id", id.value())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	public List<Pickup.HandOver> handOvers(FulfilmentId id) {
		return jdbc.sql("""
				select sku, quantity, handed_by, handed_at from pickup_hand_over
				 where fulfilment_id = :id order by handed_at, id""")
			.param("id", id.value())
			.query((rs, n) -> new Pickup.HandOver(rs.getString(1), rs.getInt(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	public void close(FulfilmentId id, Pickup.Status status, Instant now) {
		jdbc.sql("update pickup set status = :status, closed_at = :now where fulfilment_id = :id")
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	public void arrived(FulfilmentId id, String spot, Instant now) {
		jdbc.sql("update pickup set arrived_at = :now, parking_spot = :spot where fulfilment_id = :id")
			.param("now", Timestamp.from(now))
			.param("spot", spot)
			.param("id", id.value())
			.update();
	}

	/**
	 * Ready pickups of the location whose customer said she arrived, longest waiting
	 * first.
	 */
	public List<FulfilmentId> arrivals(LocationId location, int limit) {
		return jdbc.sql("""
				select fulfilment_id from pickup
				 where location_id = :location and status = 'READY' and arrived_at is not null
				 order by arrived_at, fulfilment_id limit :limit""")
			.param("location", location.value())
			.param("limit", limit)
			.query((rs, n) -> new FulfilmentId(rs.getString(1)))
			.list();
	}

	/** Ready pickups past their hold, locked; those another node holds are skipped. */
	public List<FulfilmentId> lockDue(Instant now, int limit) {
		return jdbc.sql("""
				select fulfilment_id from pickup
				 where status = 'READY' and hold_until <= :now
				 order by hold_until limit :limit for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> new FulfilmentId(rs.getString(1)))
			.list();
	}

	private static Row row(ResultSet rs) throws SQLException {
		return new Row(new FulfilmentId(rs.getString("fulfilment_id")), new LocationId(rs.getString("location_id")),
				FulfilmentMethod.valueOf(rs.getString("method")), Pickup.Status.valueOf(rs.getString("status")),
				rs.getTimestamp("ready_at").toInstant(), rs.getTimestamp("hold_until").toInstant(),
				instant(rs, "arrived_at"), rs.getString("parking_spot"), instant(rs, "closed_at"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

	/** A pickup row as stored. */
	public record Row(FulfilmentId fulfilmentId, LocationId locationId, FulfilmentMethod method, Pickup.Status status,
			Instant readyAt, Instant holdUntil, @Nullable Instant arrivedAt, @Nullable String parkingSpot,
			@Nullable Instant closedAt) {
	}

	/** A code as stored: whose, and whether it still opens the pickup. */
	public record Code(FulfilmentId fulfilmentId, String status, @Nullable Instant endedAt) {
	}

}
