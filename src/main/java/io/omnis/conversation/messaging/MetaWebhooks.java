package io.omnis.conversation.messaging;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.internal.Sender;
import io.omnis.customer.Identifier;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Meta's webhooks for a Messenger or Instagram channel: the subscription handshake, and
 * the messages and delivery receipts Meta posts, signed with {@code X-Hub-Signature-256}.
 * A batch is read and checked whole before any of it is stored, so a malformed or forged
 * one leaves nothing behind.
 */
@RestController
@RequestMapping("/hooks/meta/{channelId}")
@Tag(name = "Messaging webhooks")
class MetaWebhooks {

	/** The identifier types of Meta's page-scoped and Instagram-scoped ids. */
	static final String MESSENGER = "messenger_psid";

	static final String INSTAGRAM = "instagram_id";

	private static final int MAX_MESSAGES = 100;

	private final WebhookChannels channels;

	private final MessagingIntake intake;

	private final ExternalMessages external;

	private final MessagingProperties properties;

	private final JsonMapper json;

	MetaWebhooks(WebhookChannels channels, MessagingIntake intake, ExternalMessages external,
			MessagingProperties properties, JsonMapper json) {
		this.channels = channels;
		this.intake = intake;
		this.external = external;
		this.properties = properties;
		this.json = json;
	}

	@GetMapping
	@Operation(summary = "Meta's subscription handshake: answers hub.challenge when hub.verify_token matches")
	ResponseEntity<String> verify(@PathVariable String channelId,
			@RequestParam(name = "hub.mode", defaultValue = "") String mode,
			@RequestParam(name = "hub.verify_token", defaultValue = "") String token,
			@RequestParam(name = "hub.challenge", defaultValue = "") String challenge) {
		MessagingSettings settings = channels.configured(channelId, Provider.META).settings();
		if (!"subscribe".equals(mode) || !Signatures.same(String.valueOf(settings.verifyToken()), token)) {
			throw new ProblemException(ProblemType.FORBIDDEN, "hub.mode or hub.verify_token does not match");
		}
		if (challenge.isEmpty() || challenge.length() > 200 || !challenge.matches("[A-Za-z0-9_.-]+")) {
			throw ProblemException.invalidField("hub.challenge", "must be 1 to 200 letters and digits");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}

	@PostMapping
	@Operation(summary = "Messenger or Instagram messages and delivery receipts, as Meta posts them",
			description = "Signed with `X-Hub-Signature-256` (`sha256=` HMAC of the raw body with the app secret).")
	ResponseEntity<String> receive(@PathVariable String channelId, HttpServletRequest request) {
		WebhookChannels.Configured configured = channels.configured(channelId, Provider.META);
		byte[] body = Webhook.body(request, properties.maxWebhook());
		if (!Signatures.metaValid(String.valueOf(configured.settings().appSecret()), body,
				request.getHeader("X-Hub-Signature-256"))) {
			throw new ProblemException(ProblemType.UNAUTHENTICATED,
					"The X-Hub-Signature-256 header is missing or does not match this channel's app secret");
		}
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw new ProblemException(ProblemType.MALFORMED_BODY, "The body is not JSON");
		}
		String object = root.path("object").asString("");
		String type = switch (object) {
			case "page" -> MESSENGER;
			case "instagram" -> INSTAGRAM;
			default -> throw ProblemException.invalidField("object", "must be page or instagram");
		};
		if (!root.path("entry").isArray()) {
			throw ProblemException.invalidField("entry", "must be an array");
		}
		List<MessagingIntake.Delivered> messages = new ArrayList<>();
		List<String> delivered = new ArrayList<>();
		int e = 0;
		for (JsonNode entry : root.path("entry")) {
			int m = 0;
			for (JsonNode event : entry.path("messaging")) {
				String at = "entry[" + e + "].messaging[" + m++ + "]";
				if (event.has("delivery")) {
					event.path("delivery").path("mids").forEach(mid -> delivered.add(mid.asString("")));
				}
				JsonNode message = event.path("message");
				if (!message.isObject() || message.path("is_echo").asBoolean(false)) {
					// Read receipts, reactions, postbacks, and echoes of Omnis' own
					// answers
					continue;
				}
				messages.add(message(channelId, configured, type, event, message, at));
				if (messages.size() > MAX_MESSAGES) {
					throw ProblemException.invalidField("entry", "carries more than " + MAX_MESSAGES + " messages");
				}
			}
			e++;
		}
		messages.forEach(intake::check);
		messages.forEach(intake::take);
		for (String mid : delivered) {
			external.outboundMessage(channelId, mid, null)
				.ifPresent(messageId -> external.delivery(messageId, "DELIVERED", null));
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("EVENT_RECEIVED");
	}

	private static MessagingIntake.Delivered message(String channelId, WebhookChannels.Configured configured,
			String type, JsonNode event, JsonNode message, String at) {
		String senderId = event.path("sender").path("id").asString("");
		Identifier sender = Identifier.normalised(type, senderId)
			.filter(id -> senderId.length() <= 64)
			.orElseThrow(() -> ProblemException.invalidField(at + ".sender.id", "is required"));
		String mid = message.path("mid").asString("");
		if (mid.isBlank() || mid.length() > 200) {
			throw ProblemException.invalidField(at + ".message.mid", "is required (at most 200 characters)");
		}
		StringBuilder text = new StringBuilder(message.path("text").asString(""));
		List<MediaDownloads.Media> media = new java.util.ArrayList<>();
		for (JsonNode attachment : message.path("attachments")) {
			String url = attachment.path("payload").path("url").asString("");
			if (!url.startsWith("https://") || url.length() > 2000) {
				continue;
			}
			if (media.size() < 10) {
				media.add(new MediaDownloads.Media(url, null));
			}
			text.append(text.isEmpty() ? "" : "\n")
				.append("[")
				.append(attachment.path("type").asString("file"))
				.append("] ")
				.append(url);
		}
		return new MessagingIntake.Delivered(channelId, configured.channel().type(), mid, sender.value(),
				new Sender(null, null, null, null, null, sender), text.toString(), false, media);
	}

}
