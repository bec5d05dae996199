package io.omnis.order.web;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.CartId;

/**
 * The channel a call acts in: a channel's key acts for its own channel only; a console
 * user names the channel (a store associate at a till).
 */
final class Callers {

	private Callers() {
	}

	static ChannelId channel(Authentication caller, @Nullable String requested, Channels channels) {
		return channels.acting(caller, requested, () -> {
			throw ProblemException.invalidField("channel", "is required for a console user");
		});
	}

	static CartId cart(String id) {
		if (!CartId.isValid(id)) {
			throw new NotFoundException("cart", id);
		}
		return new CartId(id);
	}

}
