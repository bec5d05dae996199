package io.omnis.inventory.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Address;
import io.omnis.inventory.Capability;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Opening;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.ProblemException;

/**
 * The JSON shapes of the location API.
 */
final class LocationJson {

	private LocationJson() {
	}

	record LocationView(String id, String name, LocationType type, Address address, @Nullable Coordinates coordinates,
			String timeZone, List<Opening> openingHours, Set<Capability> capabilities, @Nullable String channelId,
			Instant createdAt, Instant updatedAt) {

		static LocationView of(Location location) {
			return new LocationView(location.id().value(), location.name(), location.type(), location.address(),
					location.coordinates(), location.timeZone().getId(), location.openingHours(),
					location.capabilities(), location.channelId() == null ? null : location.channelId().value(),
					location.createdAt(), location.updatedAt());
		}

	}

	/** A location to create, or the members to change (absent ones stay). */
	record LocationBody(@Nullable String name, @Nullable LocationType type, @Nullable Address address,
			@Nullable CoordinatesBody coordinates, @Nullable String timeZone, @Nullable List<OpeningBody> openingHours,
			@Nullable Set<Capability> capabilities, @Nullable String channelId) {

		Locations.Draft draft() {
			return new Locations.Draft(name, type, address, coordinates == null ? null : coordinates.checked(),
					timeZone, openingHours == null ? null : openings(openingHours), capabilities,
					channelId == null ? null : channel(channelId));
		}

		private static List<Opening> openings(List<OpeningBody> bodies) {
			List<Opening> openings = new ArrayList<>();
			for (int i = 0; i < bodies.size(); i++) {
				OpeningBody body = Requests.required(bodies.get(i), "openingHours[" + i + "]");
				String field = "openingHours[" + i + "].";
				LocalTime opens = Requests.required(body.opens(), field + "opens");
				LocalTime closes = Requests.required(body.closes(), field + "closes");
				if (!opens.isBefore(closes)) {
					throw ProblemException.invalidField(field + "closes", "must be after opens");
				}
				openings.add(new Opening(Requests.required(body.day(), field + "day"), opens, closes));
			}
			return openings;
		}

		private static ChannelId channel(String id) {
			if (!Ids.isValid(ChannelId.PREFIX, id)) {
				throw ProblemException.invalidField("channelId", "is not a known channel");
			}
			return new ChannelId(id);
		}

	}

	record CoordinatesBody(@Nullable Double latitude, @Nullable Double longitude) {

		Coordinates checked() {
			double lat = Requests.required(latitude, "coordinates.latitude");
			double lon = Requests.required(longitude, "coordinates.longitude");
			if (!(lat >= -90 && lat <= 90)) {
				throw ProblemException.invalidField("coordinates.latitude", "must be between -90 and 90");
			}
			if (!(lon >= -180 && lon <= 180)) {
				throw ProblemException.invalidField("coordinates.longitude", "must be between -180 and 180");
			}
			return new Coordinates(lat, lon);
		}

	}

	record OpeningBody(@Nullable DayOfWeek day, @Nullable LocalTime opens, @Nullable LocalTime closes) {
	}

}
