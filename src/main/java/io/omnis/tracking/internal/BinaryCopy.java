package io.omnis.tracking.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory: the server reads each
 * field as it is, with no text to parse into integers and timestamps and no array to
 * unpack, which makes it the cheapest way to write many rows in one statement.
 */
final class BinaryCopy {

	/** The signature, then no flags and no header extension. */
	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	/** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
	private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

	private byte[] bytes;

	private int length;

	BinaryCopy(int sizeHint) {
		this.bytes = new byte[Math.max(64, sizeHint)];
		write(HEADER, HEADER.length);
	}

	/** Starts a row of this many fields. */
	BinaryCopy row(int fields) {
		return short16(fields);
	}

	BinaryCopy int8(long value) {
		return int32(8).int64(value);
	}

	BinaryCopy bool(boolean value) {
		int32(1);
		ensure(1);
		bytes[length++] = (byte) (value ? 1 : 0);
		return this;
	}

	/** A text field (also what {@code json} reads), or NULL. */
	BinaryCopy text(@Nullable String value) {
		if (value == null) {
			return int32(-1);
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		int32(utf8.length);
		write(utf8, utf8.length);
		return this;
	}

	/**
	 * A {@code timestamptz}: microseconds since PostgreSQL's epoch, rounded half up as
	 * the JDBC driver rounds a timestamp parameter.
	 */
	BinaryCopy timestamp(Instant value) {
		long micros = Math.multiplyExact(value.getEpochSecond(), 1_000_000L) + (value.getNano() + 500) / 1000;
		return int8(micros - POSTGRES_EPOCH_MICROS);
	}

	/** Ends the rows. */
	BinaryCopy end() {
		return short16(-1);
	}

	byte[] bytes() {
		return bytes;
	}

	int length() {
		return length;
	}

	private BinaryCopy short16(int value) {
		ensure(2);
		bytes[length++] = (byte) (value >>> 8);
		bytes[length++] = (byte) value;
		return this;
	}

	private BinaryCopy int32(int value) {
		ensure(4);
		bytes[length++] = (byte) (value >>> 24);
		bytes[length++] = (byte) (value >>> 16);
		bytes[length++] = (byte) (value >>> 8);
		bytes[length++] = (byte) value;
		return this;
	}

	private BinaryCopy int64(long value) {
		int32((int) (value >>> 32));
		return int32((int) value);
	}

	private void write(byte[] source, int count) {
		ensure(count);
		System.arraycopy(source, 0, bytes, length, count);
		length += count;
	}

	private void ensure(int more) {
		if (length + more > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
		}
	}

}
