package io.omnis.fulfilment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a parcel is: packed at its location, handed to the carrier, on its way,
 * delivered, or a delivery that failed (tried again, or returned to the sender).
 */
public enum ParcelStatus {

	PACKED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, FAILED, RETURNED;

	/** The statuses a carrier may report next. */
	public Set<ParcelStatus> next() {
		return switch (this) {
			case PACKED -> EnumSet.of(SHIPPED);
			case SHIPPED, IN_TRANSIT -> EnumSet.of(IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, FAILED);
			case OUT_FOR_DELIVERY -> EnumSet.of(IN_TRANSIT, DELIVERED, FAILED);
			case FAILED -> EnumSet.of(IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, RETURNED);
			case DELIVERED, RETURNED -> EnumSet.noneOf(ParcelStatus.class);
		};
	}

}
