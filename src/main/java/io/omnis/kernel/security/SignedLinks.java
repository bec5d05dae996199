package io.omnis.kernel.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of pages customers open from a link in a message (a survey, a pickup
 * page): they have no account, the signed token in the path is the only credential, so
 * there is no session and nothing for CSRF to protect, and the pages run no script.
 */
public final class SignedLinks {

	private SignedLinks() {
	}

	/** The filter chain for the paths {@code pattern} ({@code /survey/**}). */
	public static SecurityFilterChain chain(HttpSecurity http, String pattern) throws Exception {
		http.securityMatcher(pattern)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.anonymous(anonymous -> anonymous.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
							+ "form-action 'self'; base-uri 'none'")));
		return http.build();
	}

}
