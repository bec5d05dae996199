package io.omnis.conversation.messaging;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Links a message may not make Omnis call (server-side request forgery), refused before
 * any connection, and the addresses that count as internal.
 */
class MediaFetcherTests {

	final MediaFetcher fetcher = new MediaFetcher(1024, Duration.ofSeconds(2), false);

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8080/media.png", "http://localhost/x.png", "http://[::1]/x.png",
			"http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/x", "http://192.168.1.1/x",
			"http://172.16.0.1/x", "http://100.64.0.1/x", "http://0.0.0.0/x", "http://[::ffff:127.0.0.1]/x",
			"http://[fd00::1]/x", "http://[fe80::1]/x", "http://2130706433/x" })
	void internalAddressesAreRefusedForGood(String url) {
		assertThatThrownBy(() -> fetcher.fetch(url, null, null)).isInstanceOfSatisfying(MediaFetcher.Refused.class,
				refused -> {
					assertThat(refused.retry).isFalse();
					assertThat(refused.getMessage()).containsAnyOf("internal address", "unknown host");
				});
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.com/x.png", "file:///etc/passwd", "gopher://example.com/",
			"http://user:secret@example.com/x.png", "http://exa mple.com/x", "//example.com/x", "not a url",
			"javascript:alert(1)" })
	void onlyPlainHttpUrlsAreFollowed(String url) {
		assertThatThrownBy(() -> fetcher.fetch(url, null, null)).isInstanceOfSatisfying(MediaFetcher.Refused.class,
				refused -> assertThat(refused.retry).isFalse());
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.127.0.1",
			"0.1.2.3", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fc00::1", "fe80::1",
			"::ffff:10.0.0.1", "2002:7f00:1::", "64:ff9b::a00:1" })
	void internalAddresses(String address) throws Exception {
		assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700:4700::1111",
			"::ffff:8.8.8.8", "2002:0808:0808::" })
	void publicAddresses(String address) throws Exception {
		assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
	}

}
