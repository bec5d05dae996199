package io.omnis.conversation.messaging;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Tells the addresses of the public internet from those a link must never make Omnis call
 * (server-side request forgery): loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, unique-local IPv6, multicast, unspecified and
 * benchmarking ranges, and IPv4 addresses hidden in IPv6 forms.
 */
final class PublicAddresses {

	private PublicAddresses() {
	}

	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicV4(b);
		}
		if (address instanceof Inet6Address) {
			int first = b[0] & 0xff;
			if ((first & 0xfe) == 0xfc) {
				// fc00::/7 unique local
				return false;
			}
			boolean zeroPrefix = true;
			for (int i = 0; i < 10; i++) {
				zeroPrefix &= b[i] == 0;
			}
			if (zeroPrefix && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
				// ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible)
				return isPublicV4(new byte[] { b[12], b[13], b[14], b[15] });
			}
			if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
				// 2002::/16 (6to4) carries an IPv4 address
				return isPublicV4(new byte[] { b[2], b[3], b[4], b[5] });
			}
			if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
				// 64:ff9b::/96 (NAT64)
				return isPublicV4(new byte[] { b[12], b[13], b[14], b[15] });
			}
			return true;
		}
		return false;
	}

	private static boolean isPublicV4(byte[] b) {
		int a0 = b[0] & 0xff;
		int a1 = b[1] & 0xff;
		return !(a0 == 0 || a0 == 10 || a0 == 127 || (a0 == 100 && (a1 & 0xc0) == 64) || (a0 == 169 && a1 == 254)
				|| (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168) || (a0 == 192 && a1 == 0 && b[2] == 0)
				|| (a0 == 198 && (a1 & 0xfe) == 18) || a0 >= 224);
	}

}
