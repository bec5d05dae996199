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
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.LocationId;

/**
 * The work_task and work_task_item tables.
 */
@Repository
public class TaskStore {

	private final JdbcClient jdbc;

	TaskStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(WorkTask task) {
		jdbc.sql("""
				insert into work_task (id, location_id, fulfilment_id, return_id, kind, status, due_at, created_at)
				values (:id, :location, :fulfilment, :return, :kind, 'OPEN', :due, :created)""")
			.param("id", task.id())
			.param("location", task.locationId().value())
			.param("fulfilment", task.fulfilmentId() == null ? null : task.fulfilmentId().value())
			.param("return", task.returnId())
			.param("kind", task.kind().name())
			.param("due", Timestamp.from(task.dueAt()))
			.param("created", Timestamp.from(task.createdAt()))
			.update();
		for (WorkTask.Item item : task.items()) {
			jdbc.sql("""
					insert into work_task_item (task_id, allocation_id, sku, barcode, quantity)
					values (:task, :allocation, :sku, :barcode, :quantity)""")
				.param("task", task.id())
				.param("allocation", item.allocationId())
				.param("sku", item.sku())
				.param("barcode", item.barcode())
				.param("quantity", item.quantity())
				.update();
		}
	}

	public Optional<WorkTask> find(String id, boolean lock) {
		return jdbc.sql("select * from work_task where id = :id" + (lock ? " for update" : ""))
			.param("id", id)
			.query((rs, row) -> task(rs, List.of()))
			.optional()
			.map(t -> withItems(t));
	}

	/** Open tasks of a location, the most overdue first, after the cursor position. */
	public List<WorkTask> queue(LocationId location, @Nullable String after, int limit) {
		String[] position = after == null ? null : after.split("\\|", 2);
		return jdbc.sql("""
				select * from work_task
				 where location_id = :location and status = 'OPEN'
				   and (:afterDue::timestamptz is null or (due_at, id) > (:afterDue::timestamptz, :afterId))
				 order by due_at, id limit :limit""")
			.param("location", location.value())
			.param("afterDue", position == null ? null : Timestamp.from(Instant.parse(position[0])))
			.param("afterId", position == null ? "" : position[1])
			.param("limit", limit)
			.query((rs, row) -> task(rs, List.of()))
			.list()
			.stream()
			.map(this::withItems)
			.toList();
	}

	public List<WorkTask> ofFulfilment(FulfilmentId id) {
		return jdbc.sql("select * from work_task where fulfilment_id = :id order by created_at, id")
			.param("id", id.value())
			.query((rs, row) -> task(rs, List.of()))
			.list()
			.stream()
			.map(this::withItems)
			.toList();
	}

	/**
	 * Picks one unit of the first item the code names that is not fully picked.
	 * @return whether one was
	 */
	public boolean pickOne(String taskId, String code) {
		return jdbc.sql("""
				update work_task_item set picked = picked + 1
				 where (task_id, allocation_id) = (
				       select task_id, allocation_id from work_task_item
				        where task_id = :task and (barcode = :code or sku = :code) and picked < quantity
				        order by allocation_id limit 1)""").param("task", taskId).param("code", code).update() == 1;
	}

	/** Sets an item's quantity to what was picked, or drops it when nothing was. */
	public void shrinkToPicked(String taskId, String allocationId) {
		jdbc.sql("delete from work_task_item where task_id = :task and allocation_id = :allocation and picked = 0")
			.param("task", taskId)
			.param("allocation", allocationId)
			.update();
		jdbc.sql("update work_task_item set quantity = picked where task_id = :task and allocation_id = :allocation")
			.param("task", taskId)
			.param("allocation", allocationId)
			.update();
	}

	public void finish(String taskId, WorkTask.Status status, Instant now) {
		jdbc.sql("update work_task set status = :status, done_at = :now where id = :id")
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.param("id", taskId)
			.update();
	}

	/**
	 * Cancels every open task of the fulfilment, locking them in id order.
	 * @return how many were
	 */
	public int withdraw(FulfilmentId id, Instant now) {
		return jdbc.sql("""
				update work_task set status = 'CANCELLED', done_at = :now
				 where id in (select id from work_task where fulfilment_id = :id and status = 'OPEN'
				               order by id for update)""")
			.param("id", id.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The open RESTOCK_RETURN task of the return, if any. */
	public Optional<WorkTask> openRestock(String returnId) {
		return jdbc.sql("select * from work_task where return_id = :id and status = 'OPEN'")
			.param("id", returnId)
			.query((rs, row) -> task(rs, List.of()))
			.optional()
			.map(this::withItems);
	}

	/**
	 * Closes the open RESTOCK_RETURN task of the return.
	 * @return the id of the task closed, if one was open
	 */
	public Optional<String> finishRestock(String returnId, WorkTask.Status status, Instant now) {
		return jdbc.sql("""
				update work_task set status = :status, done_at = :now
				 where return_id = :id and status = 'OPEN' returning id""")
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.param("id", returnId)
			.query(String.class)
			.optional();
	}

	public boolean anyOpen(FulfilmentId id) {
		return jdbc.sql("select exists (select 1 from work_task where fulfilment_id = :id and status = 'OPEN')")
			.param("id", id.value())
			.query(Boolean.class)
			.single();
	}

	private WorkTask withItems(WorkTask task) {
		List<WorkTask.Item> items = jdbc.sql("select * from work_task_item where task_id = :id order by allocation_id")
			.param("id", task.id())
			.query((rs, row) -> new WorkTask.Item(rs.getString("allocation_id"), rs.getString("sku"),
					rs.getString("barcode"), rs.getInt("quantity"), rs.getInt("picked")))
			.list();
		return new WorkTask(task.id(), task.locationId(), task.fulfilmentId(), task.kind(), task.status(), task.dueAt(),
				task.createdAt(), task.doneAt(), items, task.returnId());
	}

	private static WorkTask task(ResultSet rs, List<WorkTask.Item> items) throws SQLException {
		Timestamp done = rs.getTimestamp("done_at");
		String fulfilment = rs.getString("fulfilment_id");
		return new WorkTask(rs.getString("id"), new LocationId(rs.getString("location_id")),
				fulfilment == null ? null : new FulfilmentId(fulfilment), WorkTask.Kind.valueOf(rs.getString("kind")),
				WorkTask.Status.valueOf(rs.getString("status")), rs.getTimestamp("due_at").toInstant(),
				rs.getTimestamp("created_at").toInstant(), done == null ? null : done.toInstant(), items,
				rs.getString("return_id"));
	}

}
