package io.omnis.tracking.internal;

import java.util.List;

/**
 * The text form of a PostgreSQL {@code text[]}, for a parameter that PostgreSQL reads
 * with the array's input function: each element in double quotes, with backslashes and
 * double quotes escaped, so any value reads back as it was (a value may hold any
 * character, so no separator is safe).
 */
final class TextArray {

	private TextArray() {
	}

	static String of(List<String> values) {
		StringBuilder out = new StringBuilder(values.size() * 24 + 2).append('{');
		for (String value : values) {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"' || c == '\\') {
					out.append('\\');
				}
				out.append(c);
			}
			out.append('"');
		}
		return out.append('}').toString();
	}

}
