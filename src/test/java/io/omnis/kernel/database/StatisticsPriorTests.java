package io.omnis.kernel.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parent ids that child rows are read by (a cart's lines, a profile's identifiers, a
 * conversation's messages) start with a prior, a few children per parent, until ANALYZE
 * measures them (ADR 0032): a statement whose shared plan is priced before the first
 * ANALYZE is then not priced at PostgreSQL's guess of 0.5 % of the table. Each test works
 * in a transaction it rolls back, with the migrations' own text.
 */
class StatisticsPriorTests extends RunningOmnis {

	private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\": (\\d+)");

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCartIsEstimatedToHaveAFewLinesBeforeAnyAnalyze() {
		transactions.executeWithoutResult(tx -> {
			tx.setRollbackOnly();
			// 4,000 carts of three lines: at 0.5 % of these rows, the guess is far from 3
			jdbc.sql("""
					insert into cart (id, status, currency, country, channel_id, expires_at, created_at, updated_at)
					select 'prior-' || i, 'OPEN', 'EUR', 'PT', 'web', now(), now(), now()
					  from generate_series(1, 4000) i""").update();
			jdbc.sql(
					"""
							insert into cart_line (cart_id, sku, quantity, unit_gross, unit_net, unit_tax, tax_rate, channel_id, added_at)
							select 'prior-' || i, 'SKU-' || j, 1, 123, 100, 23, 0.23, 'web', now()
							  from generate_series(1, 4000) i, generate_series(1, 3) j""")
				.update();
			clear("cart_line", "cart_id");
			long guessed = estimatedLinesOfACart();

			runTheMigrations();

			assertThat(guessed).as("without statistics PostgreSQL guesses 0.5 %% of the table").isGreaterThan(20);
			assertThat(estimatedLinesOfACart()).isBetween(1L, 5L);
			assertThat(nDistinct("cart_line", "cart_id")).isEqualTo(-0.3f);
		});
	}

	@Test
	void eachParentIdGetsItsPriorAndMeasuredStatisticsAreKept() {
		transactions.executeWithoutResult(tx -> {
			tx.setRollbackOnly();
			clear("cart_line", "cart_id");
			clear("order_line", "order_id");
			clear("reservation_line", "reservation_id");
			clear("order_payment", "order_id");
			clear("identifier", "profile_id");
			clear("conversation_message", "conversation_id");
			// as if ANALYZE had measured the payments
			jdbc.sql("""
					select pg_restore_attribute_stats('schemaname', current_schema()::text, 'relname', 'order_payment',
					       'attname', 'order_id', 'inherited', false, 'null_frac', 0::real, 'avg_width', 31,
					       'n_distinct', -0.5::real)""").query(Boolean.class).single();

			runTheMigrations();

			assertThat(nDistinct("cart_line", "cart_id")).isEqualTo(-0.3f);
			assertThat(nDistinct("order_line", "order_id")).isEqualTo(-0.3f);
			assertThat(nDistinct("reservation_line", "reservation_id")).isEqualTo(-0.3f);
			assertThat(nDistinct("order_payment", "order_id")).as("measured, not replaced").isEqualTo(-0.5f);
			assertThat(nDistinct("identifier", "profile_id")).isEqualTo(-0.3f);
			assertThat(nDistinct("conversation_message", "conversation_id")).isEqualTo(-0.2f);
		});
	}

	private void clear(String table, String column) {
		jdbc.sql("select pg_clear_attribute_stats(current_schema()::text, :table, cast(:column as name), false)")
			.param("table", table)
			.param("column", column)
			.query()
			.listOfRows();
		assertThat(jdbc.sql("select count(*) from pg_stats where tablename = :table and attname = :column")
			.param("table", table)
			.param("column", column)
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * The rows PostgreSQL expects for one cart's lines when it does not know which cart:
	 * an InitPlan's value, as a generic plan's parameter is.
	 */
	private long estimatedLinesOfACart() {
		String plan = String.join("\n",
				jdbc.sql("explain (format json) select * from cart_line where cart_id = (select 'x')")
					.query(String.class)
					.list());
		Matcher rows = PLAN_ROWS.matcher(plan);
		assertThat(rows.find()).as(plan).isTrue();
		return Long.parseLong(rows.group(1));
	}

	private float nDistinct(String table, String column) {
		return jdbc.sql("select n_distinct from pg_stats where tablename = :table and attname = :column")
			.param("table", table)
			.param("column", column)
			.query(Float.class)
			.single();
	}

	private void runTheMigrations() {
		for (String migration : new String[] { "db/migration/order/V2026_12_1_1__order_line_statistics_prior.sql",
				"db/migration/inventory/V2026_12_1_2__inventory_reservation_line_statistics_prior.sql",
				"db/migration/customer/V2026_12_1_3__customer_identifier_statistics_prior.sql",
				"db/migration/conversation/V2026_12_1_4__conversation_message_statistics_prior.sql" }) {
			try {
				jdbc.sql(new ClassPathResource(migration).getContentAsString(StandardCharsets.UTF_8)).update();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
