package io.omnis.tracking.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import io.omnis.kernel.problem.ProblemType;
import io.omnis.tracking.TrackingProperties;

/**
 * Reads a collection request's body within the limits: at most the request size, JSON
 * that parses (any content type, since analytics.js sends {@code text/plain}), bounded
 * nesting, at most the batch size.
 */
@Component
public class RequestReader {

	private final JsonMapper json;

	private final TrackingProperties limits;

	RequestReader(TrackingProperties limits) {
		this.limits = limits;
		this.json = JsonMapper
			.builder(JsonFactory.builder()
				.streamReadConstraints(StreamReadConstraints.builder()
					.maxNestingDepth(64)
					.maxStringLength((int) limits.maxRequest().toBytes())
					.maxNumberLength(100)
					.build())
				.build())
			.build();
	}

	/**
	 * A request refused as a whole (400): nothing of it is stored.
	 */
	public static class Refused extends Exception {

		private final ProblemType type;

		Refused(ProblemType type, String message) {
			super(message);
			this.type = type;
		}

		public ProblemType type() {
			return type;
		}

	}

	/** The parsed envelope. */
	public record Parsed(Envelope envelope) {
	}

	/**
	 * The body as text, refusing bytes that are not UTF-8. JSON is parsed from text
	 * because Jackson's byte parser refuses an unpaired surrogate escaped in a property
	 * name, which browsers' {@code JSON.stringify} writes (a truncated emoji), and would
	 * fail the whole batch; the {@link Sanitizer} makes it storable.
	 */
	private static String text(byte[] body) throws CharacterCodingException {
		String text = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(body))
			.toString();
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	public Parsed read(HttpServletRequest request, boolean batch) throws Refused {
		long max = limits.maxRequest().toBytes();
		if (request.getContentLengthLong() > max) {
			throw new Refused(ProblemType.MALFORMED_BODY, "The request is larger than " + max + " bytes");
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes((int) max + 1);
		}
		catch (IOException ex) {
			throw new Refused(ProblemType.MALFORMED_BODY, "The request body could not be read");
		}
		if (body.length > max) {
			throw new Refused(ProblemType.MALFORMED_BODY, "The request is larger than " + max + " bytes");
		}
		JsonNode root;
		try {
			root = json.readTree(text(body));
		}
		catch (JacksonException | CharacterCodingException ex) {
			throw new Refused(ProblemType.MALFORMED_BODY, "The body is not valid JSON in UTF-8");
		}
		if (!(root instanceof ObjectNode object)) {
			throw new Refused(ProblemType.MALFORMED_BODY, "The body must be a JSON object");
		}
		String writeKey = object.path("writeKey").isString() ? object.get("writeKey").stringValue() : null;
		if (!batch) {
			return new Parsed(new Envelope(writeKey, List.of(object), null, null, null));
		}
		JsonNode items = object.get("batch");
		if (items == null || !items.isArray()) {
			throw new Refused(ProblemType.MALFORMED_BODY, "A batch needs a 'batch' array");
		}
		if (items.size() > limits.maxBatch()) {
			throw new Refused(ProblemType.MALFORMED_BODY,
					"A batch holds at most " + limits.maxBatch() + " messages, not " + items.size());
		}
		List<JsonNode> messages = new ArrayList<>(items.size());
		items.forEach(messages::add);
		return new Parsed(
				new Envelope(writeKey, messages, object.get("context") instanceof ObjectNode context ? context : null,
						object.get("integrations") instanceof ObjectNode integrations ? integrations : null,
						object.get("sentAt")));
	}

}
