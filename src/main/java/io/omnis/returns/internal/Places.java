package io.omnis.returns.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * A location named by a field of a request: a problem naming the field when it is not
 * one.
 */
@Component
public class Places {

	private final Locations locations;

	Places(Locations locations) {
		this.locations = locations;
	}

	public Location get(@Nullable String id, String field) {
		if (id == null || !LocationId.isValid(id)) {
			throw ProblemException.invalidField(field, "must be a location id (loc_…)");
		}
		return locations.find(new LocationId(id))
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No location with id '" + id + "'",
					List.of(new FieldError(field, "is not a known location"))));
	}

}
