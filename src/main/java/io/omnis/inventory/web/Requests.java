package io.omnis.inventory.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.ApiKeyAuthentication;

/**
 * Turns request values into domain values, naming the field when one is wrong.
 */
final class Requests {

	private Requests() {
	}

	static <T> T required(@Nullable T value, String field) {
		if (value == null) {
			throw ProblemException.invalidField(field, "is required");
		}
		return value;
	}

	static Sku sku(@Nullable String value, String field) {
		if (required(value, field).isEmpty() || !Sku.isValid(value)) {
			throw ProblemException.invalidField(field,
					"must be 1 to " + Sku.MAX_LENGTH + " printable characters without surrounding spaces");
		}
		return new Sku(value);
	}

	/** A location id; a malformed one is as unknown as a well-formed one that is not. */
	static LocationId location(@Nullable String value, String field) {
		if (!LocationId.isValid(required(value, field))) {
			throw new ProblemException(ProblemType.NOT_FOUND, "No location with id '" + abbreviate(value) + "'",
					List.of(new FieldError(field, "is not a known location")));
		}
		return new LocationId(value);
	}

	/**
	 * The channel a call acts for. A channel's key acts for its own channel only, so that
	 * one channel never reserves what is held for another; a console user names it.
	 * @param optional whether a console user may leave it out
	 */
	static @Nullable ChannelId channel(Authentication caller, @Nullable String requested, String field,
			Channels channels, boolean optional) {
		if (caller instanceof ApiKeyAuthentication key) {
			String own = key.getPrincipal().channelId();
			if (requested != null && !requested.equals(own)) {
				throw new ProblemException(ProblemType.FORBIDDEN,
						"A key of channel " + own + " can only act for that channel",
						List.of(new FieldError(field, "must be the channel of the key, or left out")));
			}
			return new ChannelId(own);
		}
		if (requested == null) {
			if (optional) {
				return null;
			}
			throw ProblemException.invalidField(field, "is required");
		}
		if (!Ids.isValid(ChannelId.PREFIX, requested) || channels.find(new ChannelId(requested)).isEmpty()) {
			throw ProblemException.invalidField(field, "is not a known channel");
		}
		return new ChannelId(requested);
	}

	/** Like {@link #channel}, for calls that always act for a channel. */
	static ChannelId requiredChannel(Authentication caller, @Nullable String requested, String field,
			Channels channels) {
		ChannelId channel = channel(caller, requested, field, channels, false);
		if (channel == null) {
			throw ProblemException.invalidField(field, "is required");
		}
		return channel;
	}

	private static String abbreviate(String value) {
		return value.length() <= 64 ? value : value.substring(0, 64) + "…";
	}

}
