package io.omnis.returns.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.problem.ProblemException;

/**
 * An enum constant named by a request field, in any case: a problem naming the field and
 * the constants when it is none.
 */
public final class Enums {

	private Enums() {
	}

	public static <E extends Enum<E>> E of(Class<E> type, @Nullable String value, String field) {
		if (value != null) {
			for (E constant : type.getEnumConstants()) {
				if (constant.name().equalsIgnoreCase(value.strip())) {
					return constant;
				}
			}
		}
		throw ProblemException.invalidField(field,
				(value == null ? "is required: " : "must be ") + "one of " + Arrays.toString(type.getEnumConstants()));
	}

}
