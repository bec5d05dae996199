package io.omnis.customer;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.customer.ProfileHistory.TimelineEntry;
import io.omnis.kernel.web.Page;
import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;

/**
 * Makes the copy of everything Omnis holds of a customer (her access request): what the
 * customer module has, and each module's section. Read in one transaction, so that the
 * parts agree with each other.
 */
@Service
public class CustomerCopies {

	/** The most collected events, activities, ledger entries and merges in a copy. */
	static final int MAX_ROWS = 100_000;

	private final Profiles profiles;

	private final CollectedEvents events;

	private final CustomerPanels modules;

	private final Clock clock;

	CustomerCopies(Profiles profiles, CollectedEvents events, CustomerPanels modules, Clock clock) {
		this.profiles = profiles;
		this.events = events;
		this.modules = modules;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public CustomerCopy of(String id) {
		Profile profile = profiles.get(id);
		List<CollectedEvent> collected = events.ofProfile(profile.id(), MAX_ROWS + 1);
		// The timeline holds her events too: read as far as both limits together
		List<TimelineEntry> timeline = Page.all(cursor -> profiles.timeline(profile.id(), cursor, 100, null, null),
				2 * MAX_ROWS + 1);
		List<TimelineEntry> activities = timeline.stream()
			.filter(entry -> entry.source().equals(TimelinePosition.ACTIVITY))
			.toList();
		List<ProfileHistory.ConsentStatement> consent = profiles.consentLedger(profile.id(), MAX_ROWS + 1);
		List<ProfileHistory.MergeRecord> merges = profiles.merges(profile.id(), MAX_ROWS + 1);
		boolean truncated = collected.size() > MAX_ROWS || timeline.size() > 2 * MAX_ROWS
				|| activities.size() > MAX_ROWS || consent.size() > MAX_ROWS || merges.size() > MAX_ROWS;
		return new CustomerCopy(profile.id(), clock.instant(), profile, first(consent), first(merges), first(collected),
				first(activities), modules.exports(profile), truncated);
	}

	private static <T> List<T> first(List<T> rows) {
		return rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
	}

}
