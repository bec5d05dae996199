package io.omnis.kernel.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure that is the client's to fix, answered as an RFC 9457 problem detail.
 * <p>
 * Domain code throws this (or {@link NotFoundException}) before changing anything, so a
 * refused request leaves no trace.
 */
public class ProblemException extends RuntimeException {

	private final ProblemType type;

	private final List<FieldError> errors;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public ProblemException(ProblemType type, String detail) {
		this(type, detail, List.of());
	}

	public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
		super(detail);
		this.type = type;
		this.errors = List.copyOf(errors);
	}

	/**
	 * A single invalid field.
	 */
	public static ProblemException invalidField(String field, String message) {
		return new ProblemException(ProblemType.INVALID_FIELD, "Field '" + field + "' " + message,
				List.of(new FieldError(field, message)));
	}

	public static ProblemException conflict(String detail) {
		return new ProblemException(ProblemType.CONFLICT, detail);
	}

	/**
	 * Adds a member to the problem detail that a client can act on (the quantity still
	 * available, say).
	 */
	public ProblemException with(String name, Object value) {
		properties.put(name, value);
		return this;
	}

	public ProblemType type() {
		return type;
	}

	public List<FieldError> errors() {
		return errors;
	}

	public Map<String, Object> properties() {
		return java.util.Collections.unmodifiableMap(properties);
	}

}
