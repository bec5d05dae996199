package io.omnis.inventory;

/**
 * A point on Earth in decimal degrees (WGS 84).
 */
public record Coordinates(double latitude, double longitude) {

	public Coordinates {
		if (!(latitude >= -90 && latitude <= 90)) {
			throw new IllegalArgumentException("latitude must be between -90 and 90");
		}
		if (!(longitude >= -180 && longitude <= 180)) {
			throw new IllegalArgumentException("longitude must be between -180 and 180");
		}
	}

}
