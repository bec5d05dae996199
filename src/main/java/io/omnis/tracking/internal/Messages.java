package io.omnis.tracking.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.omnis.kernel.IsoTimestamp;
import io.omnis.tracking.DropReason;
import io.omnis.tracking.TrackingProperties;

/**
 * Checks one message of the Segment spec and turns it into a row to store, or says why it
 * is dropped. Lenient where real clients are (numbers as ids), strict where storing would
 * corrupt a profile.
 */
final class Messages {

	static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");

	private static final int MAX_ID = 255;

	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	private Messages() {
	}

	sealed interface Outcome permits Row, Drop {

	}

	/**
	 * A message ready to store: {@code payload} is the text stored, {@code message} the
	 * same as parsed, for early resolution (not stored again).
	 */
	record Row(String messageId, String type, @Nullable String event, @Nullable String userId,
			@Nullable String anonymousId, Instant occurredAt, String payload, boolean consentOnly,
			ObjectNode message) implements Outcome {
	}

	/** A message that is not stored, and why. */
	record Drop(DropReason reason, @Nullable String messageId, String sample) implements Outcome {
	}

	static Outcome check(JsonNode node, @Nullable String endpointType, Envelope envelope, Instant receivedAt,
			TrackingProperties limits, JsonMapper json) {
		if (!(node instanceof ObjectNode message)) {
			return drop(DropReason.INVALID_TYPE, null, node, json);
		}
		String type = endpointType != null ? endpointType : text(message.get("type"));
		if (type == null || !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
			return drop(DropReason.INVALID_TYPE, null, message, json);
		}
		type = type.toLowerCase(Locale.ROOT);
		message.put("type", type);

		JsonNode messageIdNode = message.get("messageId");
		String messageId;
		if (messageIdNode == null || messageIdNode.isNull()) {
			messageId = "omnis-" + UUID.randomUUID();
			message.put("messageId", messageId);
		}
		else {
			messageId = id(messageIdNode);
			if (messageId == null || messageId.length() > 100) {
				return drop(DropReason.INVALID_MESSAGE_ID, null, message, json);
			}
		}

		JsonNode userIdNode = message.get("userId");
		JsonNode anonymousIdNode = message.get("anonymousId");
		if (!isIdOrAbsent(userIdNode) || !isIdOrAbsent(anonymousIdNode)) {
			return drop(DropReason.INVALID_FIELD, messageId, message, json);
		}
		String userId = id(userIdNode);
		String anonymousId = id(anonymousIdNode);
		if (userId == null && anonymousId == null) {
			return drop(DropReason.NO_IDENTITY, messageId, message, json);
		}
		if (userId != null) {
			message.put("userId", userId);
		}
		if (anonymousId != null) {
			message.put("anonymousId", anonymousId);
		}

		String event = null;
		if ("track".equals(type)) {
			JsonNode eventNode = message.get("event");
			if (eventNode == null || eventNode.isNull()
					|| (eventNode.isString() && eventNode.stringValue().isBlank())) {
				return drop(DropReason.MISSING_EVENT, messageId, message, json);
			}
			if (!eventNode.isString() || eventNode.stringValue().length() > 200) {
				return drop(DropReason.INVALID_FIELD, messageId, message, json);
			}
			event = eventNode.stringValue();
		}
		if ("alias".equals(type) && (id(message.get("previousId")) == null || userId == null)) {
			return drop(DropReason.INVALID_FIELD, messageId, message, json);
		}
		if (!isObjectOrAbsent(message.get("traits")) || !isObjectOrAbsent(message.get("properties"))
				|| !isObjectOrAbsent(message.get("context")) || !isObjectOrAbsent(message.get("integrations"))) {
			return drop(DropReason.INVALID_FIELD, messageId, message, json);
		}

		ObjectNode context = mergeContext(message, envelope);
		if (message.path("traits").size() >= limits.maxTraits()
				|| context.path("traits").size() >= limits.maxTraits()) {
			return drop(DropReason.TOO_MANY_TRAITS, messageId, message, json);
		}

		Instant occurredAt = occurredAt(message, envelope, receivedAt);
		message.put("receivedAt", receivedAt.toString());
		if (message.has("timestamp") && !message.has("originalTimestamp")) {
			message.set("originalTimestamp", message.get("timestamp"));
		}
		message.put("timestamp", occurredAt.toString());

		boolean consentOnly = false;
		if (analyticsDenied(context)) {
			if (limits.consentDenied() == TrackingProperties.ConsentDenied.DROP) {
				consentOnly = true;
				ObjectNode kept = json.createObjectNode();
				kept.put("type", type);
				kept.put("messageId", messageId);
				kept.set("userId", message.get("userId"));
				kept.set("anonymousId", message.get("anonymousId"));
				kept.put("timestamp", occurredAt.toString());
				kept.put("receivedAt", receivedAt.toString());
				kept.putObject("context").set("consent", context.get("consent"));
				message = kept;
				event = null;
			}
			else {
				message.remove("userId");
				message.remove("anonymousId");
				message.remove("traits");
				context.remove("ip");
				context.remove("userAgent");
				context.remove("traits");
				context.remove("externalIds");
				context.remove("device");
				userId = null;
				anonymousId = null;
			}
		}

		Sanitizer.clean(message);
		String payload = json.writeValueAsString(message);
		if (isLarger(payload, limits.maxMessage().toBytes())) {
			return new Drop(DropReason.MESSAGE_TOO_LARGE, messageId, payload.substring(0, 1024));
		}
		return new Row(Sanitizer.text(messageId), type, event == null ? null : Sanitizer.text(event),
				userId == null ? null : Sanitizer.text(userId),
				anonymousId == null ? null : Sanitizer.text(anonymousId), occurredAt, payload, consentOnly, message);
	}

	/**
	 * Whether a payload is over a limit in UTF-8 bytes, as the limit is meant; only a
	 * payload that could be over it is encoded to find out.
	 */
	static boolean isLarger(String payload, long limit) {
		if (payload.length() > limit) {
			return true;
		}
		return payload.length() * 3L > limit && payload.getBytes(StandardCharsets.UTF_8).length > limit;
	}

	static boolean analyticsDenied(ObjectNode context) {
		JsonNode preferences = context.path("consent").path("categoryPreferences");
		for (String name : preferences.propertyNames()) {
			if (name.equalsIgnoreCase("analytics")) {
				JsonNode value = preferences.get(name);
				return value.isBoolean() && !value.booleanValue();
			}
		}
		return false;
	}

	private static ObjectNode mergeContext(ObjectNode message, Envelope envelope) {
		ObjectNode context = message.get("context") instanceof ObjectNode own ? own : message.putObject("context");
		if (envelope.context() != null) {
			envelope.context().properties().forEach(entry -> {
				if (!context.has(entry.getKey())) {
					context.set(entry.getKey(), entry.getValue().deepCopy());
				}
			});
		}
		if (envelope.integrations() != null && !message.has("integrations")) {
			message.set("integrations", envelope.integrations().deepCopy());
		}
		return context;
	}

	/**
	 * Segment's clock-skew correction:
	 * {@code timestamp = receivedAt − (sentAt − originalTimestamp)}.
	 */
	static Instant occurredAt(ObjectNode message, Envelope envelope, Instant receivedAt) {
		Instant timestamp = instant(message.get("timestamp"));
		if (timestamp == null) {
			timestamp = instant(message.get("originalTimestamp"));
		}
		if (timestamp == null) {
			return receivedAt;
		}
		Instant sentAt = instant(message.get("sentAt"));
		if (sentAt == null) {
			sentAt = instant(envelope.sentAt());
		}
		if (sentAt == null) {
			return timestamp;
		}
		try {
			Instant corrected = receivedAt.minus(Duration.between(timestamp, sentAt));
			return isStorable(corrected) ? corrected : receivedAt;
		}
		catch (ArithmeticException | java.time.DateTimeException ex) {
			return receivedAt;
		}
	}

	static @Nullable Instant instant(@Nullable JsonNode node) {
		if (node == null || !node.isString() || node.stringValue().length() > 40) {
			return null;
		}
		Instant instant;
		try {
			instant = IsoTimestamp.read(node.stringValue());
		}
		catch (DateTimeParseException ex) {
			try {
				instant = Instant.parse(node.stringValue());
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
		return isStorable(instant) ? instant : null;
	}

	/**
	 * Whether PostgreSQL can store the instant: a time outside years 1 to 9999 is taken
	 * as no time at all rather than failing the whole request.
	 */
	private static boolean isStorable(Instant instant) {
		return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
	}

	/** A string or integral number id, or null when absent, blank or of another type. */
	static @Nullable String id(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		String value = node.isString() ? node.stringValue().strip()
				: node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
		return value == null || value.isEmpty() || value.length() > MAX_ID ? null : value;
	}

	private static boolean isIdOrAbsent(@Nullable JsonNode node) {
		return node == null || node.isNull() || (node.isString() && node.stringValue().length() <= MAX_ID)
				|| node.isIntegralNumber();
	}

	private static boolean isObjectOrAbsent(@Nullable JsonNode node) {
		return node == null || node.isNull() || node.isObject();
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return node != null && node.isString() ? node.stringValue() : null;
	}

	private static Drop drop(DropReason reason, @Nullable String messageId, JsonNode message, JsonMapper json) {
		String sample = json.writeValueAsString(message);
		return new Drop(reason, messageId, Sanitizer.text(sample.length() > 1024 ? sample.substring(0, 1024) : sample));
	}

}
