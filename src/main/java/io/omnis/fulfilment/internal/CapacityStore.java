package io.omnis.fulfilment.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.fulfilment.LocationSettings;
import io.omnis.inventory.LocationId;

/**
 * Each location's routing settings and the capacity it used per local day. Capacity is
 * taken by one conditional UPDATE, so that several nodes committing routes at once never
 * exceed it.
 */
@Repository
public class CapacityStore {

	private final JdbcClient jdbc;

	CapacityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The settings and the capacity used on each location's own day, in one query.
	 */
	public Map<LocationId, State> states(Map<LocationId, LocalDate> days) {
		if (days.isEmpty()) {
			return Map.of();
		}
		String[] ids = days.keySet().stream().map(LocationId::value).toArray(String[]::new);
		Date[] dates = days.keySet().stream().map(id -> Date.valueOf(days.get(id))).toArray(Date[]::new);
		Map<LocationId, State> states = new HashMap<>();
		jdbc.sql("""
				select d.id, f.active, f.daily_orders, f.daily_lines, coalesce(c.orders, 0), coalesce(c.lines, 0)
				  from unnest(:ids, :days) as d(id, day)
				  left join fulfilment_location f on f.location_id = d.id
				  left join fulfilment_capacity c on c.location_id = d.id and c.day = d.day""")
			.param("ids", ids)
			.param("days", dates)
			.query((rs, row) -> {
				boolean active = rs.getObject(2) == null || rs.getBoolean(2);
				Integer orders = (Integer) rs.getObject(3);
				Integer lines = (Integer) rs.getObject(4);
				return states.put(new LocationId(rs.getString(1)),
						new State(active, orders, lines, rs.getInt(5), rs.getInt(6)));
			})
			.list();
		return states;
	}

	/**
	 * Takes an order (when {@code orders} is 1) and lines from the location's day, if
	 * they fit.
	 * @return whether they did
	 */
	public boolean take(LocationId location, LocalDate day, int orders, int lines, int maxOrders, int maxLines) {
		// One statement: a first take of the day inserts the row (when it fits at all),
		// the
		// others add to it only while it fits; the row lock decides between nodes
		return jdbc.sql("""
				insert into fulfilment_capacity as c (location_id, day, orders, lines)
				select :location, :day, :orders, :lines where :orders <= :maxOrders and :lines <= :maxLines
				on conflict (location_id, day) do update set orders = c.orders + excluded.orders,
				       lines = c.lines + excluded.lines
				 where c.orders + excluded.orders <= :maxOrders and c.lines + excluded.lines <= :maxLines""")
			.param("orders", orders)
			.param("lines", lines)
			.param("maxOrders", maxOrders)
			.param("maxLines", maxLines)
			.param("location", location.value())
			.param("day", Date.valueOf(day))
			.update() == 1;
	}

	public Optional<LocationSettings> settings(LocationId id) {
		return jdbc.sql("select * from fulfilment_location where location_id = :id")
			.param("id", id.value())
			.query((rs, row) -> new LocationSettings(id, rs.getBoolean("active"),
					(Integer) rs.getObject("daily_orders"), (Integer) rs.getObject("daily_lines")))
			.optional();
	}

	public void save(LocationSettings settings, Instant now) {
		jdbc.sql("""
				insert into fulfilment_location (location_id, active, daily_orders, daily_lines, updated_at)
				values (:id, :active, :orders, :lines, :now)
				on conflict (location_id) do update set active = excluded.active,
				       daily_orders = excluded.daily_orders, daily_lines = excluded.daily_lines,
				       updated_at = excluded.updated_at""")
			.param("id", settings.locationId().value())
			.param("active", settings.active())
			.param("orders", settings.dailyOrders())
			.param("lines", settings.dailyLines())
			.param("now", Timestamp.from(now))
			.update();
		RoutingVersion.bump(jdbc);
	}

	/** Every location's routing settings (what a cached copy is loaded from). */
	public Map<LocationId, LocationSettings> allSettings() {
		Map<LocationId, LocationSettings> all = new HashMap<>();
		jdbc.sql("select location_id, active, daily_orders, daily_lines from fulfilment_location").query(rs -> {
			LocationId id = new LocationId(rs.getString(1));
			all.put(id,
					new LocationSettings(id, rs.getBoolean(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4)));
		});
		return all;
	}

	/**
	 * The capacity used by each location ({@code ids[k]}) on its own day
	 * ({@code days[k]}, ISO dates: the same few strings repeat, cheaper to send than
	 * dates), locations without a row having used none, and in the same statement the
	 * {@link RoutingVersion} the cached settings are checked against.
	 */
	public Used used(String[] ids, String[] days) {
		Map<String, int[]> used = new HashMap<>();
		long[] version = { -1 };
		jdbc.sql("""
				select d.id, c.orders, c.lines, null::bigint
				  from unnest(cast(:ids as text[]), cast(cast(:days as text[]) as date[])) as d(id, day)
				  join fulfilment_capacity c on c.location_id = d.id and c.day = d.day
				union all
				select null, null, null, version from routing_version where id = 1""")
			.param("ids", ids)
			.param("days", days)
			.query(rs -> {
				String id = rs.getString(1);
				if (id == null) {
					version[0] = rs.getLong(4);
				}
				else {
					used.put(id, new int[] { rs.getInt(2), rs.getInt(3) });
				}
			});
		return new Used(used, version[0]);
	}

	/**
	 * Orders and lines used today by location (by stored id), and the routing version
	 * read with them.
	 */
	public record Used(Map<String, int[]> byLocation, long version) {

		public State state(@Nullable LocationSettings settings, String id) {
			int[] counts = byLocation.get(id);
			int orders = counts == null ? 0 : counts[0];
			int lines = counts == null ? 0 : counts[1];
			if (settings == null) {
				return orders == 0 && lines == 0 ? State.DEFAULT : new State(true, null, null, orders, lines);
			}
			return new State(settings.active(), settings.dailyOrders(), settings.dailyLines(), orders, lines);
		}

	}

	/** A location's routing state today; null limits mean the rules' defaults. */
	public record State(boolean active, @Nullable Integer dailyOrders, @Nullable Integer dailyLines, int usedOrders,
			int usedLines) {

		public static final State DEFAULT = new State(true, null, null, 0, 0);

		public int maxOrders(int fallback) {
			return dailyOrders != null ? dailyOrders : fallback;
		}

		public int maxLines(int fallback) {
			return dailyLines != null ? dailyLines : fallback;
		}

	}

}
