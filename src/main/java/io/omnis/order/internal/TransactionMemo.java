package io.omnis.order.internal;

import java.util.HashMap;
import java.util.Map;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers remembered for the length of one transaction: what the catalog said a SKU
 * costs, which store a channel's tills stand in. A request asks the same question several
 * times (a cart line priced when added, then again for the cart's view); inside one
 * transaction the answer cannot have changed in a way the request may act on, so it is
 * asked once. Outside a transaction nothing is remembered.
 */
final class TransactionMemo {

	private TransactionMemo() {
	}

	/**
	 * The memo of the current transaction for {@code owner}; an empty map that forgets
	 * when no transaction is active.
	 */
	@SuppressWarnings("unchecked")
	static Map<Object, Object> of(Object owner) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return new HashMap<>();
		}
		Object bound = TransactionSynchronizationManager.getResource(owner);
		if (bound != null) {
			return (Map<Object, Object>) bound;
		}
		Map<Object, Object> memo = new HashMap<>();
		TransactionSynchronizationManager.bindResource(owner, memo);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(owner);
			}

		});
		return memo;
	}

}
