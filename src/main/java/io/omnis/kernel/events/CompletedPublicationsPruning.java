package io.omnis.kernel.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets the module events every listener has handled, once they are older than
 * {@code omnis.events.completed-retention}.
 * <p>
 * Spring Modulith writes a row per event and listener into {@code event_publication} (so
 * that a crash loses no module event) and, once the listener is done, keeps it as
 * completed for good: some six rows for an inbound message, more for an order, a table
 * and two indexes that would grow with every customer event for the life of the
 * installation. A completed row only tells that a listener ran; the ones not completed,
 * those that failed or still run, are what restarts and resubmission need, and those are
 * never deleted here. Each node runs it; deleting rows another node deleted is no harm.
 */
@Component
class CompletedPublicationsPruning {

	private static final Logger log = LoggerFactory.getLogger(CompletedPublicationsPruning.class);

	private final CompletedEventPublications completed;

	private final Duration retention;

	CompletedPublicationsPruning(CompletedEventPublications completed,
			@Value("${omnis.events.completed-retention:P1D}") Duration retention) {
		if (retention.isNegative()) {
			throw new IllegalArgumentException(
					"omnis.events.completed-retention must not be negative, not " + retention);
		}
		this.completed = completed;
		this.retention = retention;
	}

	@Scheduled(fixedDelayString = "${omnis.events.prune-interval:PT10M}", initialDelayString = "PT1M")
	void prune() {
		completed.deletePublicationsOlderThan(retention);
		log.debug("Deleted the event publications completed more than {} ago", retention);
	}

}
