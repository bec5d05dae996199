package io.omnis.fulfilment.internal;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Runs a decision and its commit in one transaction, and again from fresh reads when
 * another request took the stock or capacity it counted on in between (at most five
 * times).
 */
public final class Attempts {

	static final int MAX = 5;

	private Attempts() {
	}

	public static <T> T run(TransactionTemplate transactions, Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> work.get());
			}
			catch (Taken ex) {
				if (attempt == MAX) {
					throw ProblemException.conflict(
							"Capacity at " + ex.getMessage() + " was taken by other requests while routing; try again");
				}
			}
			catch (ProblemException ex) {
				if (ex.type() != ProblemType.INSUFFICIENT_STOCK || attempt == MAX) {
					throw ex;
				}
			}
		}
	}

	/** Capacity or stock the decision counted on went to another request. */
	public static final class Taken extends RuntimeException {

		public Taken(String what) {
			super(what, null, false, false);
		}

	}

}
