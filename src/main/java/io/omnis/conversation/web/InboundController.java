package io.omnis.conversation.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.conversation.email.EmailIntake;
import io.omnis.conversation.internal.Inbound;
import io.omnis.conversation.internal.Intake;
import io.omnis.conversation.internal.Sender;
import io.omnis.conversation.web.ConversationJson.InboundMessage;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.ApiKeyAuthentication;

/**
 * Inbound webhooks for channel adapters, authenticated by a secret key of the channel the
 * message arrived through: raw e-mail from a mail provider, and messages from other
 * gateways (SMS, social) in a common JSON shape.
 */
@RestController
@RequestMapping(path = "/api/v1/conversations/inbound", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations")
class InboundController {

	private final EmailIntake email;

	private final Intake intake;

	private final Channels channels;

	InboundController(EmailIntake email, Intake intake, Channels channels) {
		this.email = email;
		this.intake = intake;
		this.channels = channels;
	}

	@PostMapping(path = "/email", consumes = "message/rfc822")
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "A raw e-mail (RFC 5322) that arrived at the support address",
			description = "Requires a secret key of an EMAIL channel with `conversations:write`. A mail already "
					+ "received, sent by Omnis itself or automated without a thread is accepted and not stored.")
	ResponseEntity<Map<String, Object>> email(@RequestBody byte[] raw, Authentication caller) {
		Channel channel = channelOf(caller, ChannelType.EMAIL);
		EmailIntake.Result result = email.receive(raw, channel.id().value());
		if (result.outcome() != EmailIntake.Outcome.STORED) {
			return ResponseEntity.accepted().body(Map.of("outcome", result.outcome()));
		}
		return ResponseEntity.created(URI.create("/api/v1/conversations/" + result.conversationId()))
			.body(Map.of("outcome", result.outcome(), "conversationId", result.conversationId(), "messageId",
					result.messageId()));
	}

	@PostMapping(path = "/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "A customer's message from a channel adapter (SMS gateway, social network)",
			description = "Requires a secret key with `conversations:write`; the key's channel is where it came "
					+ "from. `from` carries what the channel knows of her: phone, email, userId, anonymousId.")
	ResponseEntity<Map<String, Object>> message(@RequestBody InboundMessage body, Authentication caller) {
		Channel channel = channelOf(caller, null);
		if (body.from() == null) {
			throw ProblemException.invalidField("from", "is required");
		}
		if (body.text() == null) {
			throw ProblemException.invalidField("text", "is required");
		}
		var from = body.from();
		Intake.Received received = intake
			.receive(new Inbound(channel.id().value(), channel.type(),
					new Sender(from.anonymousId(), from.userId(), from.email(), from.phone(), from.name()), body.text(),
					false, null, List.of()))
			.orElseThrow();
		return ResponseEntity.created(URI.create("/api/v1/conversations/" + received.conversation().id()))
			.body(Map.of("conversationId", received.conversation().id().value(), "messageId", received.message().id()));
	}

	private Channel channelOf(Authentication caller, ChannelType required) {
		if (!(caller instanceof ApiKeyAuthentication api)) {
			throw new ProblemException(ProblemType.FORBIDDEN,
					"Inbound messages come from a channel: use a secret key of that channel");
		}
		Channel channel = channels.get(api.getPrincipal().channelId());
		if (required != null && channel.type() != required) {
			throw new ProblemException(ProblemType.FORBIDDEN,
					"The key's channel is " + channel.type() + ", not " + required);
		}
		return channel;
	}

}
