package io.omnis.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.omnis.tracking.CollectedEvent;

/**
 * The copy of everything Omnis holds of a customer, as she may ask for it (an access
 * request): her profile, consent ledger, merge history, every event collected about her
 * with its whole message, the activities other modules recorded, and each module's
 * section (orders, conversations, returns).
 *
 * @param truncated whether a list reached its limit (the copy is then not whole: say so
 * to her)
 */
public record CustomerCopy(String profileId, Instant exportedAt, Profile profile,
		List<ProfileHistory.ConsentStatement> consentLedger, List<ProfileHistory.MergeRecord> merges,
		List<CollectedEvent> events, List<ProfileHistory.TimelineEntry> activities, Map<String, Object> sections,
		boolean truncated) {
}
