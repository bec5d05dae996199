package io.omnis.fulfilment;

import java.util.Map;

/**
 * A carrier parcels are handed to. {@link #ship} books the parcel and answers its
 * tracking number and link; the statuses it reports later (in transit, delivered,
 * failed…) come in through {@link Parcels#track}, from the carrier's webhook adapter or,
 * for the built-in {@code manual} carrier, from an associate through the API.
 * Implementations are Spring beans, found by {@link #name()}.
 */
public interface Carrier {

	/** The name callers choose it by, such as {@code manual}. */
	String name();

	/**
	 * Hands the parcel over.
	 * @param details what the caller gave (the manual carrier takes
	 * {@code trackingNumber} and {@code trackingUrl}); a bad one is a problem naming it
	 */
	Shipment ship(Parcel parcel, Map<String, String> details);

	/** What the carrier answers for a parcel it took. */
	record Shipment(String trackingNumber, String trackingUrl) {
	}

}
