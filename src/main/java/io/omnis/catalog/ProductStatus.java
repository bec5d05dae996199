package io.omnis.catalog;

import java.util.Set;

/**
 * Where a product is in its life: drafted, on sale, or withdrawn (kept for the orders
 * that name it).
 */
public enum ProductStatus {

	DRAFT, ACTIVE, ARCHIVED;

	/** Whether a product may go from this status to the other. */
	public boolean canBecome(ProductStatus next) {
		return next == this || switch (this) {
			case DRAFT -> Set.of(ACTIVE, ARCHIVED).contains(next);
			case ACTIVE -> next == ARCHIVED;
			case ARCHIVED -> next == ACTIVE;
		};
	}

}
