package io.omnis;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

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

}
