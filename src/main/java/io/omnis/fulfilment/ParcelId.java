package io.omnis.fulfilment;

import io.omnis.kernel.Ids;

/**
 * Identifies a parcel on the wire as {@code pcl_…}.
 */
public record ParcelId(String value) {

	public static final String PREFIX = "pcl";

	public ParcelId {
		Ids.require(PREFIX, value);
	}

	public static ParcelId next() {
		return new ParcelId(Ids.next(PREFIX));
	}

	public static boolean isValid(String value) {
		return Ids.isValid(PREFIX, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
