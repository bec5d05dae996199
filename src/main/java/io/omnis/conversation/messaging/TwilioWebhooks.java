package io.omnis.conversation.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.internal.Sender;
import io.omnis.customer.Identifier;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Twilio's webhooks for a channel: incoming SMS and WhatsApp messages (answered with
 * TwiML) and the delivery statuses of answers. A request whose {@code X-Twilio-Signature}
 * does not match the channel's auth token is refused with 401 before anything is stored.
 */
@RestController
@RequestMapping("/hooks/twilio/{channelId}")
@Tag(name = "Messaging webhooks")
class TwilioWebhooks {

	static final String STOPPED = "You are unsubscribed and will receive no more messages from us. Reply START to resubscribe.";

	static final String STARTED = "You are subscribed again. Reply STOP to unsubscribe.";

	static final String RATED = "Thank you for your rating.";

	private static final int MAX_MEDIA = 10;

	private final WebhookChannels channels;

	private final MessagingIntake intake;

	private final ExternalMessages external;

	private final MessagingProperties properties;

	TwilioWebhooks(WebhookChannels channels, MessagingIntake intake, ExternalMessages external,
			MessagingProperties properties) {
		this.channels = channels;
		this.intake = intake;
		this.external = external;
		this.properties = properties;
	}

	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "An SMS or WhatsApp message, as Twilio posts it",
			description = "Form parameters `From`, `To`, `Body`, `MessageSid`, `NumMedia`/`MediaUrl0`…, signed with "
					+ "`X-Twilio-Signature`. STOP and START change the sender's SMS consent.")
	ResponseEntity<String> message(@PathVariable String channelId, HttpServletRequest request) {
		WebhookChannels.Configured configured = channels.configured(channelId, Provider.TWILIO);
		Map<String, List<String>> params = signed(configured.settings(), request);
		String messageSid = one(params, "MessageSid");
		if (messageSid == null) {
			messageSid = one(params, "SmsSid");
		}
		if (messageSid == null || messageSid.isBlank() || messageSid.length() > 64) {
			throw ProblemException.invalidField("MessageSid", "is required (at most 64 characters)");
		}
		String from = one(params, "From");
		if (from == null || from.isBlank()) {
			throw ProblemException.invalidField("From", "is required");
		}
		boolean whatsapp = from.regionMatches(true, 0, "whatsapp:", 0, 9);
		String number = whatsapp ? from.substring(9) : from;
		Identifier phone = Identifier.normalised(whatsapp ? "whatsapp" : "phone", number)
			.orElseThrow(() -> ProblemException.invalidField("From", "is not a phone number in E.164 form"));
		String name = one(params, "ProfileName");
		Sender sender = whatsapp && configured.settings().whatsappIdentifier()
				? new Sender(null, null, null, null, blankToNull(name), phone)
				: new Sender(null, null, null, phone.value(), blankToNull(name));
		String address = (whatsapp ? "whatsapp:" : "") + phone.value();
		List<MediaDownloads.Media> media = new java.util.ArrayList<>();
		MessagingIntake.Result result = intake.take(new MessagingIntake.Delivered(channelId,
				configured.channel().type(), messageSid, address, sender, text(params, media), !whatsapp, media));
		return twiml(switch (result.outcome()) {
			case OPTED_OUT -> STOPPED;
			case OPTED_IN -> STARTED;
			case RATED -> RATED;
			default -> null;
		});
	}

	@PostMapping(path = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "The delivery status of an answer, as Twilio reports it",
			description = "`MessageSid`, `MessageStatus` (queued, sent, delivered, undelivered, failed), `ErrorCode`; "
					+ "signed with `X-Twilio-Signature`. A status never moves an answer's delivery backwards.")
	ResponseEntity<Void> status(@PathVariable String channelId, HttpServletRequest request) {
		WebhookChannels.Configured configured = channels.configured(channelId, Provider.TWILIO);
		Map<String, List<String>> params = signed(configured.settings(), request);
		String sid = one(params, "MessageSid");
		String status = one(params, "MessageStatus");
		if (sid == null || sid.isBlank()) {
			throw ProblemException.invalidField("MessageSid", "is required");
		}
		if (status == null) {
			throw ProblemException.invalidField("MessageStatus", "is required");
		}
		String delivery = delivery(status);
		String messageId = external.outboundMessage(channelId, sid, request.getParameter("message"))
			.orElseThrow(
					() -> ProblemException.invalidField("MessageSid", "is not an answer sent through this channel"));
		if (delivery != null) {
			String code = one(params, "ErrorCode");
			external.delivery(messageId, delivery, code == null || code.isBlank() ? null
					: "Twilio error " + code.substring(0, Math.min(code.length(), 10)));
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Twilio's status as an Omnis delivery state; null for the ones it does not track.
	 */
	static @Nullable String delivery(String status) {
		return switch (status.toLowerCase(Locale.ROOT)) {
			case "accepted", "scheduled", "queued", "sending" -> "QUEUED";
			case "sent" -> "SENT";
			case "delivered", "read" -> "DELIVERED";
			case "undelivered" -> "UNDELIVERED";
			case "failed", "canceled" -> "FAILED";
			default -> null;
		};
	}

	private Map<String, List<String>> signed(MessagingSettings settings, HttpServletRequest request) {
		byte[] body = Webhook.body(request, properties.maxWebhook());
		Map<String, List<String>> params = Webhook.form(body);
		String url = Webhook.url(request, properties.publicUrl());
		if (!Signatures.twilioValid(String.valueOf(settings.authToken()), url, params,
				request.getHeader("X-Twilio-Signature"))) {
			throw new ProblemException(ProblemType.UNAUTHENTICATED,
					"The X-Twilio-Signature header is missing or does not match this channel's auth token");
		}
		return params;
	}

	/**
	 * The body, with links to the files she sent (kept in the text, and collected in
	 * {@code media} to be fetched).
	 */
	private static String text(Map<String, List<String>> params, List<MediaDownloads.Media> media) {
		String body = one(params, "Body");
		StringBuilder text = new StringBuilder(body == null ? "" : body);
		String count = one(params, "NumMedia");
		int files;
		try {
			files = count == null || count.isBlank() ? 0 : Integer.parseInt(count.strip());
		}
		catch (NumberFormatException ex) {
			throw ProblemException.invalidField("NumMedia", "must be a number");
		}
		if (files < 0 || files > MAX_MEDIA) {
			throw ProblemException.invalidField("NumMedia", "must be between 0 and " + MAX_MEDIA);
		}
		for (int i = 0; i < files; i++) {
			String url = one(params, "MediaUrl" + i);
			if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 2000) {
				throw ProblemException.invalidField("MediaUrl" + i, "must be an http(s) URL");
			}
			String type = one(params, "MediaContentType" + i);
			media.add(new MediaDownloads.Media(url, type == null || type.length() > 100 ? null : type));
			text.append(text.isEmpty() ? "" : "\n")
				.append("[")
				.append(type == null ? "file" : type)
				.append("] ")
				.append(url);
		}
		return text.toString();
	}

	private static ResponseEntity<String> twiml(@Nullable String answer) {
		String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
				+ (answer == null ? "" : "<Message>" + HtmlUtils.htmlEscape(answer) + "</Message>") + "</Response>";
		return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(body);
	}

	private static @Nullable String one(Map<String, List<String>> params, String name) {
		List<String> values = params.get(name);
		return values == null || values.isEmpty() ? null : values.getFirst();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
