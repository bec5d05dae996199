package io.omnis.conversation.chat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An address or a CIDR block ({@code 10.0.0.0/8}, {@code ::1/128}), and the parsing of
 * address literals without ever asking DNS.
 */
record AddressBlock(byte[] network, int prefix) {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	static AddressBlock of(String cidr) {
		int slash = cidr.indexOf('/');
		InetAddress address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
		if (address == null) {
			throw new IllegalArgumentException("not an address or CIDR block: " + cidr);
		}
		int bits = address.getAddress().length * 8;
		int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("bad prefix length: " + cidr);
		}
		return new AddressBlock(address.getAddress(), prefix);
	}

	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != network.length) {
			return false;
		}
		for (int bit = 0; bit < prefix; bit++) {
			int mask = 0x80 >> (bit % 8);
			if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

	/** An IPv4 or IPv6 literal, or null for anything else (never a DNS lookup). */
	static @Nullable InetAddress literal(String text) {
		String value = text.strip();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		if (value.isEmpty() || value.length() > 64 || !(IPV4.matcher(value).matches() || value.indexOf(':') >= 0)) {
			return null;
		}
		try {
			// A literal is parsed, not resolved; a string with a colon that is not IPv6
			// fails
			return InetAddress.getByName(value);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
