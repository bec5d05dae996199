package io.omnis.kernel;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Something a customer did or had done for her outside event collection (an order placed,
 * a parcel shipped, a conversation resolved), published by the module where it happened
 * so that it joins her cross-channel timeline. The customer module records it; publishers
 * need not know that module.
 *
 * @param customer the customer: a profile id ({@code cus_…}) or an identifier such as
 * {@code email:ana@example.com}
 * @param kind what happened, dotted by module: {@code order.placed},
 * {@code conversation.resolved}
 * @param summary one line for people: "Order ord_… placed, 3 items, 89.90 EUR"
 * @param reference the id of the thing it is about, for a link: {@code ord_…}
 */
public record CustomerActivity(String customer, Instant occurredAt, String kind, @Nullable String channelId,
		String summary, @Nullable String reference) {
}
