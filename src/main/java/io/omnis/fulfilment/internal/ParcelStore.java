package io.omnis.fulfilment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.Parcel;
import io.omnis.fulfilment.ParcelId;
import io.omnis.fulfilment.ParcelStatus;
import io.omnis.inventory.LocationId;
import io.omnis.kernel.Ids;

/**
 * The parcel, parcel_item and parcel_event tables.
 */
@Repository
public class ParcelStore {

	private final JdbcClient jdbc;

	ParcelStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Parcel p, String actor) {
		Parcel.Dimensions d = p.dimensions();
		jdbc.sql("""
				insert into parcel (id, fulfilment_id, location_id, task_id, weight_grams, length_mm, width_mm,
				       height_mm, status, created_at, updated_at)
				values (:id, :fulfilment, :location, :task, :weight, :l, :w, :h, :status, :now, :now)""")
			.param("id", p.id().value())
			.param("fulfilment", p.fulfilmentId().value())
			.param("location", p.locationId().value())
			.param("task", p.taskId())
			.param("weight", p.weightGrams())
			.param("l", d == null ? null : d.lengthMm())
			.param("w", d == null ? null : d.widthMm())
			.param("h", d == null ? null : d.heightMm())
			.param("status", p.status().name())
			.param("now", Timestamp.from(p.createdAt()))
			.update();
		for (Parcel.Item item : p.items()) {
			jdbc.sql("insert into parcel_item (parcel_id, sku, quantity) values (:parcel, :sku, :quantity)")
				.param("parcel", p.id().value())
				.param("sku", item.sku())
				.param("quantity", item.quantity())
				.update();
		}
		event(p.id(), p.status(), null, actor, p.createdAt());
	}

	/**
	 * Moves the parcel from one status to the next, only if it is still in {@code from}.
	 * @return whether it was
	 */
	public boolean move(ParcelId id, ParcelStatus from, ParcelStatus to, @Nullable String carrier,
			@Nullable String trackingNumber, @Nullable String trackingUrl, @Nullable String note, String actor,
			Instant now) {
		int moved = jdbc.sql("""
				update parcel set status = :to, updated_at = :now,
				       carrier = coalesce(:carrier, carrier), tracking_number = coalesce(:number, tracking_number),
				       tracking_url = coalesce(:url, tracking_url)
				 where id = :id and status = :from""")
			.param("to", to.name())
			.param("now", Timestamp.from(now))
			.param("carrier", carrier)
			.param("number", trackingNumber)
			.param("url", trackingUrl)
			.param("id", id.value())
			.param("from", from.name())
			.update();
		if (moved == 1) {
			event(id, to, note, actor, now);
		}
		return moved == 1;
	}

	private void event(ParcelId id, ParcelStatus status, @Nullable String note, String actor, Instant at) {
		jdbc.sql("""
				insert into parcel_event (id, parcel_id, status, note, actor, occurred_at)
				values (:id, :parcel, :status, :note, :actor, :at)""")
			.param("id", Ids.next("pev"))
			.param("parcel", id.value())
			.param("status", status.name())
			.param("note", note)
			.param("actor", actor)
			.param("at", Timestamp.from(at))
			.update();
	}

	public Optional<Parcel> find(ParcelId id, boolean lock) {
		return jdbc.sql("select * from parcel where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query((rs, n) -> parcel(rs))
			.optional()
			.map(this::complete);
	}

	public List<Parcel> ofFulfilment(FulfilmentId id) {
		return jdbc.sql("select * from parcel where fulfilment_id = :id order by id")
			.param("id", id.value())
			.query((rs, n) -> parcel(rs))
			.list()
			.stream()
			.map(this::complete)
			.toList();
	}

	private Parcel complete(Parcel p) {
		List<Parcel.Item> items = jdbc.sql("select sku, quantity from parcel_item where parcel_id = :id order by sku")
			.param("id", p.id().value())
			.query((rs, n) -> new Parcel.Item(rs.getString(1), rs.getInt(2)))
			.list();
		List<Parcel.Event> history = jdbc
			.sql("select status, note, actor, occurred_at from parcel_event where parcel_id = :id order by id")
			.param("id", p.id().value())
			.query((rs, n) -> new Parcel.Event(ParcelStatus.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
		return new Parcel(p.id(), p.fulfilmentId(), p.locationId(), p.taskId(), p.weightGrams(), p.dimensions(),
				p.status(), p.carrier(), p.trackingNumber(), p.trackingUrl(), items, history, p.createdAt(),
				p.updatedAt());
	}

	private static Parcel parcel(ResultSet rs) throws SQLException {
		int length = rs.getInt("length_mm");
		Parcel.Dimensions dimensions = rs.wasNull() ? null
				: new Parcel.Dimensions(length, rs.getInt("width_mm"), rs.getInt("height_mm"));
		return new Parcel(new ParcelId(rs.getString("id")), new FulfilmentId(rs.getString("fulfilment_id")),
				new LocationId(rs.getString("location_id")), rs.getString("task_id"), rs.getInt("weight_grams"),
				dimensions, ParcelStatus.valueOf(rs.getString("status")), rs.getString("carrier"),
				rs.getString("tracking_number"), rs.getString("tracking_url"), List.of(), List.of(),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
