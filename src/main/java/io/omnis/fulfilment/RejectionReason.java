package io.omnis.fulfilment;

/**
 * Why a location could not serve a line it was given.
 */
public enum RejectionReason {

	NOT_FOUND, DAMAGED, OTHER

}
