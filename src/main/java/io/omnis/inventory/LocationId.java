package io.omnis.inventory;

import io.omnis.kernel.Ids;

/**
 * Identifies a location on the wire as {@code loc_…}.
 */
public record LocationId(String value) implements Comparable<LocationId> {

	public static final String PREFIX = "loc";

	public LocationId {
		Ids.require(PREFIX, value);
	}

	public static LocationId next() {
		return new LocationId(Ids.next(PREFIX));
	}

	public static boolean isValid(String value) {
		return Ids.isValid(PREFIX, value);
	}

	@Override
	public int compareTo(LocationId other) {
		return value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return value;
	}

}
