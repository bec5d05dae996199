package io.omnis.kernel.events;

import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The module events every listener has handled, as Spring Modulith keeps them until
 * {@link CompletedPublicationsPruning} deletes them: a copy of each event's data, which
 * an erasure must not leave behind.
 */
@Service
public class CompletedPublications {

	private final JdbcClient jdbc;

	CompletedPublications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Deletes the completed publications whose event holds one of these texts (an
	 * identifier's value, a profile id). Publications not completed stay: they are work
	 * still to do.
	 * @return how many were deleted
	 */
	public int forgetMentioning(Collection<String> texts) {
		if (texts.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				delete from event_publication
				 where completion_date is not null
				   and exists (select 1 from unnest(:texts::text[]) t where strpos(serialized_event, t) > 0)""")
			.param("texts", texts.toArray(String[]::new))
			.update();
	}

}
