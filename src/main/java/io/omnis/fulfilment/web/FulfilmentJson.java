package io.omnis.fulfilment.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.FulfilmentRequest;
import io.omnis.fulfilment.RejectionReason;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.ApiKeyAuthentication;

/**
 * The JSON shapes of the fulfilment API and their checks, naming the field at fault.
 */
final class FulfilmentJson {

	private FulfilmentJson() {
	}

	record LineBody(@Nullable String sku, @Nullable Integer quantity) {
	}

	record PointBody(@Nullable Double latitude, @Nullable Double longitude) {
	}

	record RequestBody(@Nullable String channelId, @Nullable String reference, @Nullable String customer,
			@Nullable FulfilmentMethod method, @Nullable PointBody destination, @Nullable String pickupLocationId,
			@Nullable List<LineBody> lines) {
	}

	record RejectionBody(@Nullable String allocationId, @Nullable Integer quantity, @Nullable RejectionReason reason,
			@Nullable String note) {
	}

	record ScanBody(@Nullable String barcode) {
	}

	record MissingBody(@Nullable String sku, @Nullable RejectionReason reason, @Nullable String note) {
	}

	record LocationSettingsBody(@Nullable Boolean active, @Nullable Integer dailyOrders, @Nullable Integer dailyLines) {
	}

	static FulfilmentRequest request(RequestBody body, Authentication caller, Channels channels) {
		ChannelId channel = channel(caller, body.channelId(), channels);
		if (body.reference() == null) {
			throw ProblemException.invalidField("reference", "is required");
		}
		if (body.method() == null) {
			throw ProblemException.invalidField("method", "is required: SHIP, PICKUP, SAME_DAY or CURBSIDE");
		}
		if (body.customer() != null && (body.customer().isBlank() || body.customer().length() > 200)) {
			throw ProblemException.invalidField("customer", "must be 1 to 200 characters");
		}
		Coordinates destination = null;
		if (body.destination() != null) {
			PointBody point = body.destination();
			if (point.latitude() == null || !(point.latitude() >= -90 && point.latitude() <= 90)) {
				throw ProblemException.invalidField("destination.latitude", "must be between -90 and 90");
			}
			if (point.longitude() == null || !(point.longitude() >= -180 && point.longitude() <= 180)) {
				throw ProblemException.invalidField("destination.longitude", "must be between -180 and 180");
			}
			destination = new Coordinates(point.latitude(), point.longitude());
		}
		LocationId pickup = null;
		if (body.pickupLocationId() != null) {
			if (!LocationId.isValid(body.pickupLocationId())) {
				throw new ProblemException(ProblemType.NOT_FOUND, "No location with that id",
						List.of(new FieldError("pickupLocationId", "is not a known location")));
			}
			pickup = new LocationId(body.pickupLocationId());
		}
		if (body.lines() == null || body.lines().isEmpty()) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + FulfilmentRequest.MAX_LINES + " lines");
		}
		List<FulfilmentRequest.Line> lines = new ArrayList<>();
		for (int i = 0; i < body.lines().size(); i++) {
			LineBody line = body.lines().get(i);
			if (line == null || line.sku() == null || !Sku.isValid(line.sku())) {
				throw ProblemException.invalidField("lines[" + i + "].sku",
						"must be 1 to " + Sku.MAX_LENGTH + " printable characters without surrounding spaces");
			}
			if (line.quantity() == null) {
				throw ProblemException.invalidField("lines[" + i + "].quantity", "is required");
			}
			lines.add(new FulfilmentRequest.Line(new Sku(line.sku()), line.quantity()));
		}
		return new FulfilmentRequest(channel, body.reference(), body.customer(), body.method(), destination, pickup,
				lines);
	}

	/**
	 * A channel's key acts for its own channel only; a console user names the channel.
	 */
	static ChannelId channel(Authentication caller, @Nullable String requested, Channels channels) {
		if (caller instanceof ApiKeyAuthentication key) {
			String own = key.getPrincipal().channelId();
			if (requested != null && !requested.equals(own)) {
				throw new ProblemException(ProblemType.FORBIDDEN,
						"A key of channel " + own + " can only act for that channel",
						List.of(new FieldError("channelId", "must be the channel of the key, or left out")));
			}
			return new ChannelId(own);
		}
		if (requested == null) {
			throw ProblemException.invalidField("channelId", "is required");
		}
		if (!Ids.isValid(ChannelId.PREFIX, requested) || channels.find(new ChannelId(requested)).isEmpty()) {
			throw ProblemException.invalidField("channelId", "is not a known channel");
		}
		return new ChannelId(requested);
	}

	/** Whether the caller may see what belongs to the channel. */
	static boolean sees(Authentication caller, ChannelId channel) {
		return !(caller instanceof ApiKeyAuthentication key) || key.getPrincipal().channelId().equals(channel.value());
	}

}
