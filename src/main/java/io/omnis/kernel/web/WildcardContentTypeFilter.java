package io.omnis.kernel.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.problem.Problems;

/**
 * Refuses a request whose {@code Content-Type} is a wildcard ({@code application/*},
 * {@code *}{@code /*}) with a 415 problem: a body has one type, and Spring, asked for the
 * headers of such a request by an endpoint that does not name the types it consumes,
 * fails with an exception rather than an answer. Only a type with a {@code *} in it is
 * looked at further.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 12)
class WildcardContentTypeFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return type == null || type.indexOf('*') < 0;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isWildcard(request.getContentType())) {
			Problems.write(response, Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
					"The Content-Type '" + request.getContentType() + "' is a wildcard; name the body's type"));
			return;
		}
		chain.doFilter(request, response);
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
