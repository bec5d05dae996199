package io.omnis.kernel.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.problem.Problems;

/**
 * Authenticates {@code Authorization: Bearer <secret key>}; a key that is presented but
 * not valid is refused at once rather than silently treated as anonymous.
 */
class BearerKeyFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final ApiKeyAuthenticator authenticator;

	BearerKeyFilter(ApiKeyAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	static boolean hasBearer(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBearer(request)) {
			chain.doFilter(request, response);
			return;
		}
		String secret = request.getHeader("Authorization").substring(PREFIX.length()).trim();
		var caller = secret.length() > 200 ? java.util.Optional.<ApiCaller>empty() : authenticator.authenticate(secret);
		if (caller.isEmpty()) {
			response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			Problems.write(response, Problems.of(ProblemType.UNAUTHENTICATED,
					"The API key is unknown, revoked or expired, or its channel is disabled"));
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new ApiKeyAuthentication(caller.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
