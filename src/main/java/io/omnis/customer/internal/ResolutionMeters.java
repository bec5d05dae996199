package io.omnis.customer.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code omnis.identity.linked}: events linked to a profile, by where ({@code at}:
 * {@code acceptance} for resolution in the request, ADR 0034, {@code queue} for
 * resolution batches), counted once their transaction commits.
 */
final class ResolutionMeters {

	private ResolutionMeters() {
	}

	static Counter linked(MeterRegistry meters, String at) {
		return Counter.builder("omnis.identity.linked")
			.description("Events linked to a profile, by where they were resolved")
			.tag("at", at)
			.register(meters);
	}

	/** Adds to the counter when the caller's transaction commits, or now without one. */
	static void countAfterCommit(Counter counter, long count) {
		if (count == 0) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			counter.increment(count);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				counter.increment(count);
			}
		});
	}

}
