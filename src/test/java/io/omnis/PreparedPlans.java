package io.omnis;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How PostgreSQL has planned the statements prepared on the current connection whose text
 * holds a fragment, from {@code pg_prepared_statements}: executions on a generic plan
 * (made once and kept) and custom plans (made for the parameters of one execution). Read
 * it before and after running a statement in one transaction (one connection).
 */
public record PreparedPlans(long generic, long custom) {

	public static PreparedPlans of(JdbcClient jdbc, String statementFragment) {
		Map<String, Object> plans = jdbc.sql("""
				select coalesce(sum(generic_plans), 0) as generic, coalesce(sum(custom_plans), 0) as custom
				  from pg_prepared_statements where statement like '%' || :statement || '%'
				   and statement not like '%pg_prepared_statements%'""")
			.param("statement", statementFragment)
			.query()
			.singleRow();
		return new PreparedPlans(((Number) plans.get("generic")).longValue(),
				((Number) plans.get("custom")).longValue());
	}

	/** What was planned since {@code before}. */
	public PreparedPlans since(PreparedPlans before) {
		return new PreparedPlans(generic - before.generic, custom - before.custom);
	}

	/**
	 * Runs {@code execution} twenty times on one connection (one transaction, rolled
	 * back) and checks that the statements holding the fragment kept a generic plan:
	 * pgjdbc prepares a statement on the server from its fifth execution, and PostgreSQL
	 * makes five custom plans, then keeps the generic one if it is no dearer. A statement
	 * that PostgreSQL plans again on every call makes sixteen custom plans here.
	 */
	public static void assertKeptGeneric(TransactionTemplate transactions, JdbcClient jdbc, String statementFragment,
			Runnable execution) {
		transactions.executeWithoutResult(status -> {
			PreparedPlans before = of(jdbc, statementFragment);
			for (int n = 0; n < 20; n++) {
				execution.run();
			}
			PreparedPlans planned = of(jdbc, statementFragment).since(before);
			assertThat(planned.custom()).as("custom plans").isLessThanOrEqualTo(5);
			assertThat(planned.generic()).as("executions of a generic plan").isGreaterThanOrEqualTo(8);
			status.setRollbackOnly();
		});
	}

}
