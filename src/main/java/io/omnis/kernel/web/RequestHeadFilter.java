package io.omnis.kernel.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.problem.Problems;

/**
 * Refuses, with a problem detail, two kinds of request head that would otherwise fail
 * inside Omnis rather than be answered:
 * <ul>
 * <li>a query parameter holding a NUL character ({@code %00}): 400 naming the parameter.
 * No Omnis parameter means one, and PostgreSQL's text cannot hold one, so it reached the
 * database as a failed statement;</li>
 * <li>a wildcard {@code Content-Type} ({@code application/*}, {@code *}{@code /*}): 415.
 * A body has one type, and Spring, asked for the headers of such a request by an endpoint
 * that does not name the types it consumes, throws.</li>
 * </ul>
 * Only a query with {@code %00} in it, or a type with a {@code *} in it, is looked at
 * further; the body is never read here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class RequestHeadFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String query = request.getQueryString();
		String type = request.getContentType();
		return (query == null || !query.contains("%00")) && (type == null || type.indexOf('*') < 0);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		String parameter = query == null ? null : parameterWithNul(query);
		if (parameter != null) {
			Problems.write(response,
					Problems.of(ProblemType.INVALID_PARAMETER,
							"The query parameter '" + parameter + "' holds a NUL character (%00)",
							List.of(new FieldError(parameter, "must not hold a NUL character"))));
			return;
		}
		String type = request.getContentType();
		if (type != null && isWildcard(type)) {
			Problems.write(response, Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
					"The Content-Type '" + type + "' is a wildcard; name the body's type"));
			return;
		}
		chain.doFilter(request, response);
	}

	/** The name of the first parameter whose name or value decodes to text with a NUL. */
	static @Nullable String parameterWithNul(String query) {
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
			if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
				return name.replace('\0', '?');
			}
		}
		return null;
	}

	private static String decoded(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException malformed) {
			// not ours to judge: Tomcat and Spring answer malformed escapes themselves
			return text.replace("%00", "\0");
		}
	}

	static boolean isWildcard(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isWildcardType() || type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException unparsable) {
			// left to Spring, which answers an unparsable type itself
			return false;
		}
	}

}
