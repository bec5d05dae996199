package io.omnis.returns.internal;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.customer.ProfileEvents.ProfileErased;
import io.omnis.kernel.problem.ProblemException;

/**
 * Removes an erased customer's reference and notes from her returns, in the erasure's
 * transaction. Store credit is money owed to her: while she holds any, the erasure is
 * refused (pay it out first). The credit ledger's entries stay, as the books need them,
 * under the id of a profile that no longer exists.
 */
@Component
class ErasedCustomerReturns {

	private final JdbcClient jdbc;

	ErasedCustomerReturns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(ProfileErased erased) {
		String[] profiles = erased.profileIds().toArray(String[]::new);
		List<String> credit = jdbc.sql("""
				select currency || ' ' || balance from store_credit
				 where profile_id = any(:profiles::text[]) and balance > 0 order by currency""")
			.param("profiles", profiles)
			.query(String.class)
			.list();
		if (!credit.isEmpty()) {
			throw ProblemException.conflict("The customer holds store credit (" + String.join(", ", credit)
					+ " in minor units); pay it out before erasing her");
		}
		jdbc.sql("""
				update customer_return set customer = null, note = null
				 where profile_id = any(:profiles::text[]) or customer = any(:identifiers::text[])""")
			.param("profiles", profiles)
			.param("identifiers", erased.identifiers().toArray(String[]::new))
			.update();
	}

}
