package io.omnis.inventory.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The availability and routing reads need nothing of a stock row that its primary key
 * does not carry, so that PostgreSQL can answer them from the index alone.
 */
class StockKeyTests extends RunningOmnis {

	@Autowired
	DataSource database;

	@Test
	void theAvailabilityOfSomeSkusCanBeReadFromTheStockKeyAlone() throws Exception {
		String prefix = "KEY-" + System.nanoTime();
		List<String> locations = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String id = io.omnis.inventory.LocationId.next().value();
			locations.add(id);
			jdbc.sql(
					"""
							insert into location (id, name, type, address_line1, city, country, time_zone, opening_hours,
							                      capabilities, created_at, updated_at)
							values (:id, :id, 'STORE', 'Rua 1', 'Lisboa', 'PT', 'Europe/Lisbon', '{}', '{SHIPS}', now(), now())""")
				.param("id", id)
				.update();
		}
		for (String location : locations) {
			for (int sku = 0; sku < 5; sku++) {
				jdbc.sql("""
						insert into stock (sku, location_id, on_hand, reserved, safety_stock, allocated, updated_at)
						values (:sku, :location, 9, 1, 1, 2, now())""")
					.param("sku", prefix + "-" + sku)
					.param("location", location)
					.update();
			}
		}
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("vacuum (analyze) stock");
			// On a test's few rows the planner would rightly read the whole table, so
			// the sequential and bitmap scans are taken away; it then chooses between
			// the two index scans by cost, and the index-only one wins when the key
			// holds every column read and the vacuum marked the pages all-visible
			// (enable_indexscan stays on: it governs index-only scans too)
			statement.execute("set enable_seqscan = off");
			statement.execute("set enable_bitmapscan = off");
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = statement.executeQuery("""
					explain (analyze, buffers off, timing off, costs off)
					select s.location_id, %s
					  from stock s
					 where s.sku = any(array['%s-1', '%s-3'])"""
				.formatted(AvailabilityQueries.AVAILABLE.replace(":channel", "'chn_key'"), prefix, prefix))) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			statement.execute("reset all");

			assertThat(plan).contains("Index Only Scan using stock_pkey on stock s").contains("rows=6");
		}
		finally {
			// Other tests of this shared database route over every location
			jdbc.sql("delete from stock where sku like :prefix").param("prefix", prefix + "-%").update();
			jdbc.sql("delete from location where id in (:ids)").param("ids", locations).update();
		}
	}

	@Test
	void autovacuumVisitsTheStockSoonerThanPostgresWouldSoThatTheVisibilityMapStaysSet() {
		List<String> options = jdbc.sql("select unnest(reloptions) from pg_class where relname = 'stock'")
			.query(String.class)
			.list();

		assertThat(options).contains("autovacuum_vacuum_scale_factor=0.02",
				"autovacuum_vacuum_insert_scale_factor=0.02");
	}

}
