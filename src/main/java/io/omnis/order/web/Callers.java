package io.omnis.order.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.ApiKeyAuthentication;
import io.omnis.order.CartId;

/**
 * The channel a call acts in: a channel's key acts for its own channel only; a console
 * user names the channel (a store associate at a till).
 */
final class Callers {

	private Callers() {
	}

	static ChannelId channel(Authentication caller, @Nullable String requested, Channels channels) {
		if (caller instanceof ApiKeyAuthentication key) {
			String own = key.getPrincipal().channelId();
			if (requested != null && !requested.equals(own)) {
				throw new ProblemException(ProblemType.FORBIDDEN,
						"A key of channel " + own + " can only act for that channel",
						List.of(new FieldError("channel", "must be the channel of the key, or left out")));
			}
			return new ChannelId(own);
		}
		if (requested == null) {
			throw ProblemException.invalidField("channel", "is required for a console user");
		}
		if (!Ids.isValid(ChannelId.PREFIX, requested) || channels.find(new ChannelId(requested)).isEmpty()) {
			throw ProblemException.invalidField("channel", "is not a known channel");
		}
		return new ChannelId(requested);
	}

	static CartId cart(String id) {
		if (!CartId.isValid(id)) {
			throw new NotFoundException("cart", id);
		}
		return new CartId(id);
	}

}
