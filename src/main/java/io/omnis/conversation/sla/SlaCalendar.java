package io.omnis.conversation.sla;

import java.time.Instant;

/**
 * A named set of business hours ({@code cal_…}) that service-level policies count in.
 */
public record SlaCalendar(String id, String name, BusinessHours hours, Instant createdAt, Instant updatedAt) {

	public static final String PREFIX = "cal";

}
