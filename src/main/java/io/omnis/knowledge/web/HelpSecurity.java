package io.omnis.knowledge.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The help centre is public and read-only: no session, no login, and a policy that lets
 * no script run (article bodies are sanitised as well).
 */
@Configuration(proxyBeanMethods = false)
class HelpSecurity {

	@Bean
	@Order(-3)
	SecurityFilterChain help(HttpSecurity http) throws Exception {
		http.securityMatcher("/help", "/help/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.anonymous(anonymous -> anonymous.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' https:; "
							+ "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")));
		return http.build();
	}

}
