package io.omnis.returns;

import java.time.Instant;

import io.omnis.kernel.Money;

/**
 * One change of a customer's store credit.
 *
 * @param amount credited (positive) or spent (negative)
 * @param reference what it was for: a return ({@code ret_…}) or an order ({@code ord_…})
 */
public record StoreCreditEntry(String id, String profileId, Money amount, Money balanceAfter, String reference,
		String reason, Instant createdAt) {
}
