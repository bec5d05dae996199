package io.omnis.kernel.problem;

/**
 * The identified thing does not exist, or is not visible to the caller (never say which).
 */
public class NotFoundException extends ProblemException {

	public NotFoundException(String kind, String id) {
		super(ProblemType.NOT_FOUND,
				"No " + kind + " with id '" + (id.length() <= 64 ? id : id.substring(0, 64) + "…") + "'");
	}

	/** Not found, explained in the caller's words. */
	public NotFoundException(String detail) {
		super(ProblemType.NOT_FOUND, abbreviate(detail));
	}

	private static String abbreviate(String id) {
		return id.length() <= 300 ? id : id.substring(0, 300) + "…";
	}

}
