package io.omnis.kernel.events;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.CompletedEventPublications;

import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Completed event publications older than the retention (a day by default) are deleted;
 * recent completed ones and every publication not completed (failed, or still in
 * progress, however old) stay.
 */
class CompletedPublicationsPruningTests extends RunningOmnis {

	@Autowired
	CompletedPublicationsPruning pruning;

	@Autowired
	CompletedEventPublications completed;

	@Test
	void onlyCompletedPublicationsOlderThanTheRetentionGo() {
		UUID oldCompleted = publication("now() - interval '10 days'", "now() - interval '3 days'", "COMPLETED");
		UUID recentCompleted = publication("now() - interval '2 hours'", "now() - interval '1 hour'", "COMPLETED");
		UUID oldFailed = publication("now() - interval '10 days'", null, "FAILED");
		UUID oldInProgress = publication("now() - interval '10 days'", null, "PROCESSING");

		pruning.prune();

		assertThat(remaining(oldCompleted, recentCompleted, oldFailed, oldInProgress))
			.containsExactlyInAnyOrder(recentCompleted, oldFailed, oldInProgress);
	}

	@Test
	void aNegativeRetentionIsRefusedAtStart() {
		assertThatThrownBy(() -> new CompletedPublicationsPruning(completed, Duration.ofHours(-1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("omnis.events.completed-retention");
	}

	private UUID publication(String publishedAt, String completedAt, String status) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				       completion_date, status, completion_attempts)
				values (:id, 'pruning.test.Listener', 'pruning.test.Event', :event, %s, %s, :status, 1)"""
			.formatted(publishedAt, completedAt == null ? "null" : completedAt))
			.param("id", id)
			.param("event", "{\"id\":\"" + id + "\"}")
			.param("status", status)
			.update();
		return id;
	}

	private List<UUID> remaining(UUID... ids) {
		return jdbc.sql("select id from event_publication where id = any(:ids)")
			.param("ids", ids)
			.query(UUID.class)
			.list();
	}

}
