package io.omnis.kernel.problem;

import java.util.List;

/**
 * A failure that is the client's to fix, answered as an RFC 9457 problem detail.
 * <p>
 * Domain code throws this (or {@link NotFoundException}) before changing anything, so a
 * refused request leaves no trace.
 */
public class ProblemException extends RuntimeException {

	private final ProblemType type;

	private final List<FieldError> errors;

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

	public ProblemType type() {
		return type;
	}

	public List<FieldError> errors() {
		return errors;
	}

}
