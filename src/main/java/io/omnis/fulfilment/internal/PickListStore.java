package io.omnis.fulfilment.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.inventory.LocationId;

/**
 * The open pick-list items of shipped fulfilments at a location, read in one query.
 */
@Repository
public class PickListStore {

	/** At most this many items are gathered into one pick list. */
	public static final int MAX_ITEMS = 1000;

	private final JdbcClient jdbc;

	PickListStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Row> open(LocationId location) {
		return jdbc.sql("""
				select i.sku, i.barcode, i.quantity, i.picked, t.id, t.due_at, f.id, f.reference, f.method
				  from work_task t
				  join work_task_item i on i.task_id = t.id
				  join fulfilment f on f.id = t.fulfilment_id
				 where t.location_id = :location and t.status = 'OPEN' and t.kind = 'PICK'
				   and f.method in ('SHIP', 'SAME_DAY') and i.picked < i.quantity
				 order by i.sku, t.due_at, t.id limit :limit""")
			.param("location", location.value())
			.param("limit", MAX_ITEMS)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
					rs.getTimestamp(6).toInstant(), new FulfilmentId(rs.getString(7)), rs.getString(8),
					FulfilmentMethod.valueOf(rs.getString(9))))
			.list();
	}

	public record Row(String sku, @org.jspecify.annotations.Nullable String barcode, int quantity, int picked,
			String taskId, java.time.Instant dueAt, FulfilmentId fulfilmentId, String reference,
			FulfilmentMethod method) {
	}

}
