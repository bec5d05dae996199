package io.omnis.customer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.CollectingOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The name index holds only profiles with a name, and a name search can still use it: the
 * pattern implies a name.
 */
class ProfileNameIndexTests extends CollectingOmnis {

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void aNameSearchUsesTheIndexOfNamedProfiles() {
		String plan = transactions.execute(status -> {
			jdbc.sql("set local enable_seqscan = off").update();
			jdbc.sql("set local enable_bitmapscan = off").update();
			return String.join("\n",
					jdbc.sql("""
							explain select id from profile where merged_into is null and search_name like :pattern""")
						.param("pattern", "ann%")
						.query(String.class)
						.list());
		});

		assertThat(plan).contains("profile_search_name_idx");
	}

}
