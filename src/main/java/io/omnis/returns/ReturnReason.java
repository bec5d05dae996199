package io.omnis.returns;

/**
 * Why the customer returns an item: a fixed set, so that reports can count them; the
 * line's note says the rest.
 */
public enum ReturnReason {

	DAMAGED, DEFECTIVE, WRONG_ITEM, NOT_AS_DESCRIBED, SIZE_OR_FIT, CHANGED_MIND, ARRIVED_LATE, CANCELLED, OTHER

}
