package io.omnis.conversation.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Reads a provider's webhook as it was sent: the raw body (bounded), its form parameters,
 * and the URL the provider called, which its signature covers.
 */
final class Webhook {

	private Webhook() {
	}

	static byte[] body(HttpServletRequest request, int max) {
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(max + 1);
		}
		catch (IOException ex) {
			throw new ProblemException(ProblemType.MALFORMED_BODY, "The request body could not be read");
		}
		if (body.length > max) {
			throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
					"The webhook body is larger than " + max + " bytes");
		}
		return body;
	}

	/** The parameters of an {@code application/x-www-form-urlencoded} body, in order. */
	static Map<String, List<String>> form(byte[] body) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		String text = new String(body, StandardCharsets.UTF_8);
		if (text.isEmpty()) {
			return params;
		}
		try {
			for (String pair : text.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new ProblemException(ProblemType.MALFORMED_BODY, "The body is not form-encoded");
		}
		return params;
	}

	/**
	 * The URL the provider called: the configured public address when Omnis is behind a
	 * proxy, otherwise the request's own, with its query string.
	 */
	static String url(HttpServletRequest request, String publicUrl) {
		String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
		if (!publicUrl.isBlank()) {
			return strip(publicUrl) + request.getRequestURI() + query;
		}
		return request.getRequestURL() + query;
	}

	static String strip(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
