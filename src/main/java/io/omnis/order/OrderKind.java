package io.omnis.order;

/**
 * How an order came to be: checked out from a cart in any channel, or rung up at a till.
 */
public enum OrderKind {

	ONLINE, TILL_SALE

}
