package io.omnis.kernel.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Opaque list cursors and bounded page sizes, the same for every list in the API.
 * <p>
 * A cursor wraps the sort key of the last item seen; clients must treat it as opaque, so
 * that the encoding can change without breaking them.
 */
public final class Cursor {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 200;

	private static final String VERSION = "v1:";

	private Cursor() {
	}

	public static String encode(String position) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((VERSION + position).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position a cursor points after, or {@code null} for the first page.
	 * @throws ProblemException naming the {@code cursor} parameter when it was not made
	 * by Omnis
	 */
	public static @Nullable String decode(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			if (cursor.length() > 512) {
				throw new IllegalArgumentException();
			}
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (!decoded.startsWith(VERSION)) {
				throw new IllegalArgumentException();
			}
			return decoded.substring(VERSION.length());
		}
		catch (IllegalArgumentException ex) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'cursor' is not a valid cursor",
					List.of(new FieldError("cursor", "is not a cursor returned by this list")));
		}
	}

	/**
	 * The page size to use.
	 * @throws ProblemException naming the {@code limit} parameter when outside
	 * 1..{@value #MAX_LIMIT}
	 */
	public static int limit(@Nullable Integer limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER,
					"Parameter 'limit' must be between 1 and " + MAX_LIMIT,
					List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
		}
		return limit;
	}

}
