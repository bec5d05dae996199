package io.omnis.conversation.phone;

import java.time.Instant;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.ApiKeyAuthentication;

/**
 * {@code /api/v1/calls}: a telephony system reports its calls, with a secret key of a
 * CALL_CENTER channel.
 */
@RestController
@RequestMapping(path = "/api/v1/calls", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Calls", description = "Phone calls from a telephony system")
class CallController {

	private final Calls calls;

	private final Channels channels;

	CallController(Calls calls, Channels channels) {
		this.calls = calls;
		this.channels = channels;
	}

	/**
	 * @param type ringing, answered or ended
	 * @param from the caller's number (E.164), needed for the first report of a call
	 */
	record CallEvent(@Nullable String type, @Nullable String from, @Nullable String to, @Nullable String agentId,
			@Nullable String recordingUrl, @Nullable String disposition, @Nullable String notes) {
	}

	record CallView(String id, String callId, String channelId, String caller, @Nullable String callee,
			String profileId, String conversationId, String status, @Nullable String agentId,
			@Nullable String recordingUrl, @Nullable String disposition, Instant ringingAt,
			@Nullable Instant answeredAt, @Nullable Instant endedAt) {

		static CallView of(Call c) {
			return new CallView(c.id(), c.externalId(), c.channelId(), c.caller(), c.callee(), c.profileId(),
					c.conversationId(), c.status(), c.agentId(), c.recordingUrl(), c.disposition(), c.ringingAt(),
					c.answeredAt(), c.endedAt());
		}

	}

	@PostMapping(path = "/{callId}/events", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "A call rang, was answered or ended",
			description = "Requires a secret key of a CALL_CENTER channel with `conversations:write`. `ringing` shows "
					+ "the caller's customer 360 on every open console; `ended` adds the outcome, recording link and "
					+ "the agent's `notes` to her conversation. A report sent twice changes nothing.")
	CallView event(@PathVariable String callId, @RequestBody CallEvent body, Authentication caller) {
		if (!(caller instanceof ApiKeyAuthentication api)) {
			throw new ProblemException(ProblemType.FORBIDDEN,
					"Calls come from a telephony system: use a secret key of a CALL_CENTER channel");
		}
		Channel channel = channels.get(api.getPrincipal().channelId());
		if (channel.type() != ChannelType.CALL_CENTER) {
			throw new ProblemException(ProblemType.FORBIDDEN,
					"The key's channel is " + channel.type() + ", not CALL_CENTER");
		}
		if (body.type() == null) {
			throw ProblemException.invalidField("type", "is required: ringing, answered or ended");
		}
		Calls.Event event;
		try {
			event = Calls.Event.valueOf(body.type().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidField("type", "must be ringing, answered or ended");
		}
		return CallView.of(calls.report(channel, callId, new Calls.Report(event, body.from(), body.to(), body.agentId(),
				body.recordingUrl(), body.disposition(), body.notes())));
	}

}
