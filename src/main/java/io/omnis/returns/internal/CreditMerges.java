package io.omnis.returns.internal;

import java.time.Clock;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.customer.ProfileEvents.ProfilesMerged;

/**
 * Moves a merged profile's store credit (balances and ledger) and returns to the
 * survivor, so that credit earned under one identity can be spent under the merged one.
 */
@Component
class CreditMerges {

	private final CreditStore credit;

	private final ReturnStore returns;

	private final Clock clock;

	CreditMerges(CreditStore credit, ReturnStore returns, Clock clock) {
		this.credit = credit;
		this.returns = returns;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ProfilesMerged merged) {
		credit.moveProfile(merged.merged(), merged.survivor(), clock.instant());
		returns.moveProfile(merged.merged(), merged.survivor());
	}

}
