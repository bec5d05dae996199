package io.omnis.fulfilment.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Pickup links are opened by customers who have no account: the signed token in the path
 * is the only credential, so there is no session and nothing for CSRF to protect.
 */
@Configuration(proxyBeanMethods = false)
class PickupLinkSecurity {

	@Bean
	@Order(-2)
	SecurityFilterChain pickupLinkChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/pickup/**")
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
