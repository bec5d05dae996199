package io.omnis.conversation.chat;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.internal.ChatVisitors;
import io.omnis.conversation.internal.Inbound;
import io.omnis.conversation.internal.Intake;
import io.omnis.conversation.internal.LiveUpdates;
import io.omnis.conversation.internal.LiveUpdates.WidgetMessage;
import io.omnis.conversation.internal.Sender;
import io.omnis.customer.Identifier;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.problem.Problems;

/**
 * The web chat's endpoints, called by {@code /chat/widget.js} from any site: send a
 * message (POST), read the thread, and listen to answers (Server-Sent Events).
 * <p>
 * A visitor is the channel (by its public write key) and the browser's anonymous id, the
 * same {@code ajs_anonymous_id} event collection uses; her first message returns the
 * visitor token the others need. Bodies may be sent as {@code text/plain}, so that a
 * browser needs no CORS preflight.
 */
@RestController
@RequestMapping(path = "/chat/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@CrossOrigin(origins = "*", maxAge = 3600, exposedHeaders = "Retry-After")
@Tag(name = "Web chat", description = "Called by the chat widget (write key and visitor token)")
class ChatEndpoints {

	private static final int MAX_BODY = 64 * 1024;

	private final Channels channels;

	private final Intake intake;

	private final ChatVisitors visitors;

	private final VisitorTokens tokens;

	private final LiveUpdates live;

	private final ConversationProperties properties;

	private final JsonMapper json;

	private final ChatLimits limits;

	ChatEndpoints(Channels channels, Intake intake, ChatVisitors visitors, VisitorTokens tokens, LiveUpdates live,
			ConversationProperties properties, JsonMapper json, ChatLimits limits) {
		this.limits = limits;
		this.channels = channels;
		this.intake = intake;
		this.visitors = visitors;
		this.tokens = tokens;
		this.live = live;
		this.properties = properties;
		this.json = json;
	}

	@PostMapping(path = "/messages", consumes = { MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "A visitor's message; the first one returns her visitor token")
	Map<String, Object> send(@RequestBody String body, HttpServletRequest request) {
		limits.address(request);
		if (body.length() > MAX_BODY) {
			throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "A chat message is at most 64 KB");
		}
		JsonNode message;
		try {
			message = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ProblemException(ProblemType.MALFORMED_BODY, "The body is not valid JSON");
		}
		String writeKey = text(message, "writeKey", true);
		String anonymousId = anonymousId(text(message, "anonymousId", true));
		limits.visitor(writeKey, anonymousId);
		ChannelId channel = channel(writeKey);
		String token = text(message, "token", false);
		boolean known = visitors.find(channel.value(), anonymousId).isPresent();
		if (known && (token == null || !tokens.isValid(channel.value(), anonymousId, token))) {
			throw new ProblemException(ProblemType.FORBIDDEN, "This visitor's token is missing or wrong");
		}
		String email = text(message, "email", false);
		if (email != null && Identifier.normalised("email", email).isEmpty()) {
			throw ProblemException.invalidField("email", "is not an e-mail address");
		}
		String userId = text(message, "userId", false);
		String name = text(message, "name", false);
		String text = text(message, "text", true);
		Sender sender = new Sender(anonymousId, userId, email, null,
				name == null ? null : name.substring(0, Math.min(name.length(), 100)));
		Intake.Received received = intake
			.receive(new Inbound(channel.value(), ChannelType.CHAT, sender, text, false, null, List.of()))
			.orElseThrow();
		visitors.seen(channel.value(), anonymousId, received.conversation().profileId(),
				received.message().createdAt());
		return Map.of("conversationId", received.conversation().id().value(), "message",
				WidgetMessage.of(received.message()), "token", tokens.issue(channel.value(), anonymousId));
	}

	@GetMapping("/messages")
	@Operation(summary = "What the visitor's widget shows: her thread since she first chatted from this browser")
	Map<String, Object> history(@RequestParam String key, @RequestParam String anonymousId, @RequestParam String token,
			HttpServletRequest request) {
		ChatVisitors.Visitor visitor = visitor(key, anonymousId, token, request);
		return Map.of("messages",
				visitors.history(visitor, properties.threading() == ConversationProperties.Threading.PER_CHANNEL, 100)
					.stream()
					.map(WidgetMessage::of)
					.toList());
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Answers to the visitor as they are written (Server-Sent Events named 'message')")
	SseEmitter stream(@RequestParam String key, @RequestParam String anonymousId, @RequestParam String token,
			HttpServletRequest request) {
		return live.visitor(visitor(key, anonymousId, token, request));
	}

	@ExceptionHandler(ChatLimits.Limited.class)
	ResponseEntity<ProblemDetail> limited(ChatLimits.Limited ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header("Retry-After", Long.toString(ex.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(ProblemType.RATE_LIMITED, String.valueOf(ex.getMessage())));
	}

	private ChatVisitors.Visitor visitor(String key, String anonymousId, String token, HttpServletRequest request) {
		limits.address(request);
		limits.visitor(key, anonymousId);
		ChannelId channel = channel(key);
		if (!tokens.isValid(channel.value(), anonymousId, token)) {
			throw new ProblemException(ProblemType.FORBIDDEN, "This visitor's token is missing or wrong");
		}
		return visitors.find(channel.value(), anonymousId)
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "This visitor has not written yet"));
	}

	private ChannelId channel(String writeKey) {
		return channels.byWriteKey(writeKey)
			.orElseThrow(() -> new ProblemException(ProblemType.UNAUTHENTICATED, "Unknown or disabled write key"));
	}

	private static String anonymousId(String value) {
		String id = value.strip();
		if (id.isEmpty() || id.length() > 255 || id.chars().anyMatch(Character::isISOControl)) {
			throw ProblemException.invalidField("anonymousId", "must be 1 to 255 printable characters");
		}
		return id;
	}

	private static @Nullable String text(JsonNode message, String field, boolean required) {
		JsonNode node = message.get(field);
		if (node == null || node.isNull() || (node.isString() && node.stringValue().isBlank())) {
			if (required) {
				throw ProblemException.invalidField(field, "is required");
			}
			return null;
		}
		if (!node.isString()) {
			throw ProblemException.invalidField(field, "must be a string");
		}
		return node.stringValue();
	}

}
