package io.omnis.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 CSV one record at a time, so that a large file is never held whole:
 * fields separated by commas, optionally in double quotes (which may then hold commas,
 * line breaks and doubled quotes), records ending in CRLF or LF. Bytes its reader cannot
 * decode (a reader that reports them, see {@link #utf8}) make the input malformed at
 * their line, rather than characters silently replaced.
 */
public final class CsvReader {

	private static final int MAX_FIELD = 20_000;

	private final Reader in;

	private final StringBuilder field = new StringBuilder();

	private int line = 1;

	private int recordLine;

	private int peeked = -2;

	public CsvReader(Reader in) {
		this.in = in;
	}

	/**
	 * A reader of UTF-8 that reports malformed bytes instead of replacing them with
	 * U+FFFD, as {@link java.io.InputStreamReader} with a charset does.
	 */
	public static Reader utf8(InputStream in) {
		return new InputStreamReader(in,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT));
	}

	/** The line the last record read started on (the header is line 1). */
	public int recordLine() {
		return recordLine;
	}

	/**
	 * The next record's fields, or {@code null} at the end of the input.
	 * @throws Malformed when a quote is not closed, text follows a closing quote, or a
	 * field is too long
	 */
	public @Nullable List<String> next() throws IOException {
		int c = read();
		while (c == '\n' || c == '\r') { // blank lines between records are skipped
			c = read();
		}
		if (c == -1) {
			return null;
		}
		recordLine = line;
		List<String> fields = new ArrayList<>();
		while (true) {
			field.setLength(0);
			if (c == '"') {
				c = quoted();
			}
			else {
				while (c != ',' && c != '\n' && c != '\r' && c != -1) {
					if (c == '"') {
						throw new Malformed(line, "a quote inside an unquoted field");
					}
					append(c);
					c = read();
				}
			}
			fields.add(field.toString());
			if (c == ',') {
				c = read();
				continue;
			}
			if (c == '\r') {
				if (peek() == '\n') {
					read();
				}
			}
			return fields;
		}
	}

	/** Reads a quoted field and returns the character after its closing quote. */
	private int quoted() throws IOException {
		int start = line;
		while (true) {
			int c = read();
			if (c == -1) {
				throw new Malformed(start, "a quoted field that is never closed");
			}
			if (c == '"') {
				if (peek() == '"') {
					read();
					append('"');
					continue;
				}
				int after = read();
				if (after != ',' && after != '\n' && after != '\r' && after != -1) {
					throw new Malformed(line, "text after a closing quote");
				}
				return after;
			}
			append(c);
		}
	}

	private void append(int c) throws Malformed {
		if (field.length() >= MAX_FIELD) {
			throw new Malformed(line, "a field longer than " + MAX_FIELD + " characters");
		}
		field.append((char) c);
	}

	private int read() throws IOException {
		int c;
		if (peeked != -2) {
			c = peeked;
			peeked = -2;
		}
		else {
			c = decoded();
		}
		if (c == '\n') {
			line++;
		}
		return c;
	}

	private int peek() throws IOException {
		if (peeked == -2) {
			peeked = decoded();
		}
		return peeked;
	}

	private int decoded() throws IOException {
		try {
			return in.read();
		}
		catch (CharacterCodingException ex) {
			throw new Malformed(line, "bytes that are not UTF-8");
		}
	}

	/** The input is not CSV at the given line. */
	public static final class Malformed extends IOException {

		private final int line;

		Malformed(int line, String what) {
			super("line " + line + " has " + what);
			this.line = line;
		}

		public int line() {
			return line;
		}

	}

}
