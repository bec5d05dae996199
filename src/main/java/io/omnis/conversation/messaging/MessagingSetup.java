package io.omnis.conversation.messaging;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.customer.Identifier;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * {@code /api/v1/conversations/channels/{channelId}/messaging}: the provider and
 * credentials of an SMS or social channel. Secrets are written, never read back: the
 * answer shows their last characters.
 */
@RestController
@RequestMapping(path = "/api/v1/conversations/channels/{channelId}/messaging",
		produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations")
class MessagingSetup {

	private static final int MAX = 500;

	private final Channels channels;

	private final MessagingChannels settings;

	MessagingSetup(Channels channels, MessagingChannels settings) {
		this.channels = channels;
		this.settings = settings;
	}

	/**
	 * @param baseUrl the provider's API; https://api.twilio.com or
	 * https://graph.facebook.com when absent
	 */
	record Settings(@Nullable Provider provider, @Nullable String baseUrl, @Nullable String accountSid,
			@Nullable String authToken, @Nullable String fromAddress, @Nullable Boolean whatsappIdentifier,
			@Nullable String appSecret, @Nullable String verifyToken, @Nullable String pageToken) {
	}

	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Sets the messaging provider of an SMS or SOCIAL channel",
			description = "Requires `conversations:manage`. TWILIO needs `accountSid`, `authToken`, `fromAddress`; "
					+ "META needs `appSecret`, `verifyToken`, `pageToken` and a SOCIAL channel.")
	Map<String, Object> put(@PathVariable String channelId, @RequestBody Settings body) {
		Channel channel = channels.get(channelId);
		if (channel.type() != ChannelType.SMS && channel.type() != ChannelType.SOCIAL) {
			throw ProblemException.invalidField("channelId", "must be an SMS or SOCIAL channel");
		}
		if (body.provider() == null) {
			throw ProblemException.invalidField("provider", "is required: TWILIO or META");
		}
		String baseUrl = body.baseUrl() == null || body.baseUrl().isBlank()
				? (body.provider() == Provider.TWILIO ? "https://api.twilio.com" : "https://graph.facebook.com")
				: url(body.baseUrl());
		MessagingSettings saved;
		if (body.provider() == Provider.TWILIO) {
			String from = required("fromAddress", body.fromAddress());
			String number = from.startsWith("whatsapp:") ? from.substring(9) : from;
			if (Identifier.normalised("phone", number).filter(id -> id.value().equals(number)).isEmpty()) {
				throw ProblemException.invalidField("fromAddress", "must be a number in E.164 form, or whatsapp:+…");
			}
			saved = new MessagingSettings(channel.id().value(), Provider.TWILIO, baseUrl,
					required("accountSid", body.accountSid()), required("authToken", body.authToken()), from,
					Boolean.TRUE.equals(body.whatsappIdentifier()), null, null, null);
		}
		else {
			if (channel.type() != ChannelType.SOCIAL) {
				throw ProblemException.invalidField("provider", "META needs a SOCIAL channel");
			}
			saved = new MessagingSettings(channel.id().value(), Provider.META, baseUrl, null, null, null, false,
					required("appSecret", body.appSecret()), required("verifyToken", body.verifyToken()),
					required("pageToken", body.pageToken()));
		}
		settings.save(saved);
		return view(saved);
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "The messaging provider of a channel, secrets shown by their last characters")
	Map<String, Object> get(@PathVariable String channelId) {
		return view(settings.find(channels.get(channelId).id().value())
			.orElseThrow(() -> new NotFoundException("messaging settings", channelId)));
	}

	private static Map<String, Object> view(MessagingSettings s) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("channelId", s.channelId());
		view.put("provider", s.provider());
		view.put("baseUrl", s.baseUrl());
		if (s.provider() == Provider.TWILIO) {
			view.put("accountSid", s.accountSid());
			view.put("authTokenHint", MessagingSettings.hint(s.authToken()));
			view.put("fromAddress", s.fromAddress());
			view.put("whatsappIdentifier", s.whatsappIdentifier());
			view.put("webhook", "/hooks/twilio/" + s.channelId());
			view.put("statusWebhook", "/hooks/twilio/" + s.channelId() + "/status");
		}
		else {
			view.put("appSecretHint", MessagingSettings.hint(s.appSecret()));
			view.put("verifyTokenHint", MessagingSettings.hint(s.verifyToken()));
			view.put("pageTokenHint", MessagingSettings.hint(s.pageToken()));
			view.put("webhook", "/hooks/meta/" + s.channelId());
		}
		return view;
	}

	private static String required(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw ProblemException.invalidField(field, "is required");
		}
		if (value.length() > MAX || value.chars().anyMatch(Character::isISOControl)) {
			throw ProblemException.invalidField(field, "must be at most " + MAX + " printable characters");
		}
		return value.strip();
	}

	private static String url(String raw) {
		try {
			URI uri = URI.create(raw.strip());
			if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
					|| raw.length() > MAX) {
				throw new IllegalArgumentException();
			}
			return raw.strip();
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidField("baseUrl", "must be an absolute http(s) URL");
		}
	}

}
