package io.omnis.returns;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.kernel.CustomerActivity;
import io.omnis.kernel.Ids;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;
import io.omnis.returns.internal.CreditStore;

/**
 * Store credit per customer profile and currency: credited by returns (and refunds of
 * orders paid with it), spent at checkout as the {@code store-credit} payment method.
 * Every change is a ledger entry; a balance never goes below zero.
 */
@Service
@Transactional
public class StoreCredit {

	private final CreditStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	StoreCredit(CreditStore store, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	public StoreCreditEntry credit(String profileId, Money amount, String reference, String reason) {
		Instant now = clock.instant();
		long balance = store.credit(profileId, amount, now);
		StoreCreditEntry entry = new StoreCreditEntry(Ids.next("scr"), profileId, amount,
				Money.of(balance, amount.currency().getCurrencyCode()), reference, reason, now);
		store.insert(entry);
		events.publishEvent(new CustomerActivity(profileId, now, "store-credit.credited", null,
				"Store credit of " + amount + " (" + reason + "), balance " + entry.balanceAfter(), reference));
		return entry;
	}

	/**
	 * Spends credit, or refuses with a {@code payment-declined} problem naming
	 * {@code payment.method} when the balance is short.
	 */
	public StoreCreditEntry spend(String profileId, Money amount, String reference) {
		Instant now = clock.instant();
		long balance = store.spend(profileId, amount, now)
			.orElseThrow(() -> new ProblemException(ProblemType.PAYMENT_DECLINED,
					"The store credit of " + profileId + " is "
							+ Money.of(store.balance(profileId, amount.currency().getCurrencyCode()),
									amount.currency().getCurrencyCode())
							+ ", less than " + amount + "; nothing was spent",
					List.of(new FieldError("payment.method", "has not enough store credit")))
				.with("declineCode", "insufficient_store_credit"));
		StoreCreditEntry entry = new StoreCreditEntry(Ids.next("scr"), profileId,
				Money.of(-amount.minorUnits(), amount.currency().getCurrencyCode()),
				Money.of(balance, amount.currency().getCurrencyCode()), reference, "spent", now);
		store.insert(entry);
		events.publishEvent(new CustomerActivity(profileId, now, "store-credit.spent", null,
				"Store credit of " + amount + " spent on " + reference + ", balance " + entry.balanceAfter(),
				reference));
		return entry;
	}

	@Transactional(readOnly = true)
	public List<Money> balances(String profileId) {
		return store.balances(profileId);
	}

	@Transactional(readOnly = true)
	public Page<StoreCreditEntry> entries(String profileId, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		return Page.of(store.entries(profileId, Cursor.decode(cursor), size + 1), size, StoreCreditEntry::id);
	}

}
