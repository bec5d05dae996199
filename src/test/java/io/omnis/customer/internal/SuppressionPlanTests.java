package io.omnis.customer.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.CollectingOmnis;
import io.omnis.PreparedPlans;
import io.omnis.customer.Identifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resolution batch asks which of its identifiers are suppressed. A batch of one
 * message (a conversation's sender, a quiet source) carries a few, and the question keeps
 * the generic plan PostgreSQL makes once per connection instead of being planned again on
 * every call (ADR 0026). (Which profiles own them is asked the same way; at the test
 * database's size PostgreSQL keeps the generic plan of the one-array form too, so no test
 * here could tell the two apart.)
 */
class SuppressionPlanTests extends CollectingOmnis {

	@Autowired
	Suppressions suppressions;

	@Autowired
	TransactionTemplate transactions;

	private final List<Identifier> identifiers = List.of(new Identifier("email", unique("plan") + "@example.com"),
			new Identifier("anonymous_id", unique("plan")));

	@Test
	void askingWhichOfAFewIdentifiersAreSuppressedKeepsAGenericPlan() {
		PreparedPlans.assertKeptGeneric(transactions, jdbc, "select x.t, x.v from identifier_suppression_salt",
				() -> assertThat(suppressions.among(identifiers)).isEmpty());
	}

}
