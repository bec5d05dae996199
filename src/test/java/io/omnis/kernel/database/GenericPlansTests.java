package io.omnis.kernel.database;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.RunningOmnis;
import io.omnis.catalog.internal.QuoteStore;
import io.omnis.channel.ChannelId;
import io.omnis.inventory.Sku;
import io.omnis.inventory.internal.AvailabilityQueries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot statements that take an array are executed with a generic plan, planned once
 * per connection, and the setting ends with them.
 */
class GenericPlansTests extends RunningOmnis {

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	QuoteStore quotes;

	@Autowired
	AvailabilityQueries availability;

	@Test
	void theCatalogQuoteIsPlannedOncePerConnection() {
		assertPlannedOnce("as wanted", n -> quotes.rows(n % 2 == 0 ? List.of("GP-A") : List.of("GP-A", "GP-B", "GP-C"),
				null, "EUR", Instant.now(), "PT", null));
	}

	@Test
	void theAvailabilityOfSkusIsPlannedOncePerConnection() {
		assertPlannedOnce("join location l on l.id = s.location_id", n -> availability
			.of(n % 2 == 0 ? List.of(new Sku("GP-A")) : List.of(new Sku("GP-A"), new Sku("GP-B")), ChannelId.next()));
	}

	@Test
	void outsideATransactionTheStatementRunsAsItIs() {
		assertThat(GenericPlans.run(jdbc, () -> setting())).isEqualTo("auto");
	}

	/**
	 * Runs the statement eight times on one connection (one transaction): pgjdbc prepares
	 * it on the server from its fifth execution, and from then on PostgreSQL would make
	 * five custom plans before it even considered a generic one.
	 */
	private void assertPlannedOnce(String statement, IntConsumer execution) {
		transactions.executeWithoutResult(status -> {
			Map<String, Object> before = plans(statement);
			for (int n = 0; n < 8; n++) {
				execution.accept(n);
				assertThat(setting()).as("the setting is put back after the statement").isEqualTo("auto");
			}
			Map<String, Object> after = plans(statement);
			assertThat(count(after, "custom") - count(before, "custom")).as("custom plans").isZero();
			assertThat(count(after, "generic") - count(before, "generic")).as("generic plans")
				.isGreaterThanOrEqualTo(4);
		});
	}

	private Map<String, Object> plans(String statement) {
		return jdbc.sql("""
				select coalesce(sum(generic_plans), 0) as generic, coalesce(sum(custom_plans), 0) as custom
				  from pg_prepared_statements where statement like '%' || :statement || '%'
				   and statement not like '%pg_prepared_statements%'""")
			.param("statement", statement)
			.query()
			.singleRow();
	}

	private static long count(Map<String, Object> plans, String kind) {
		return ((Number) plans.get(kind)).longValue();
	}

	private String setting() {
		return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
	}

}
