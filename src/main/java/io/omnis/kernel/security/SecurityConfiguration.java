package io.omnis.kernel.security;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.problem.Problems;

/**
 * Two doors: the API (secret keys as bearer tokens, or the console session with its CSRF
 * token) and the console (form login). Both answer refusals as problem details or the
 * login page, never as a stack trace.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	private static final Set<String> OPEN_ACTUATOR = Set.of("/actuator/health", "/actuator/info");

	/**
	 * Event collection authenticates each request by its channel's public write key,
	 * itself; it has no session and no CSRF exposure (nothing it accepts acts on a user's
	 * behalf).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain collectionSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/v1/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.anonymous(anonymous -> anonymous.disable());
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyAuthenticator authenticator) throws Exception {
		http.securityMatcher("/api/**", "/actuator/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(request -> isOpenActuator(request))
				.permitAll()
				.requestMatchers("/actuator/prometheus")
				.hasAuthority(Permission.METRICS_READ.authority())
				.anyRequest()
				.authenticated())
			.addFilterBefore(new BearerKeyFilter(authenticator), UsernamePasswordAuthenticationFilter.class)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			// A session-authenticated call from the console needs its CSRF token; a
			// bearer key does not, and neither does a call without a session: there is
			// nothing to forge, and it is refused as unauthenticated (401), not as a CSRF
			// failure (403)
			.csrf(csrf -> csrf.ignoringRequestMatchers(
					request -> BearerKeyFilter.hasBearer(request) || request.getSession(false) == null))
			.requestCache(cache -> cache.disable())
			.exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Bearer");
				Problems.write(response, Problems.of(ProblemType.UNAUTHENTICATED,
						"Authenticate with 'Authorization: Bearer <secret key>' or a console session"));
			})
				.accessDeniedHandler((request, response, ex) -> Problems.write(response,
						Problems.of(ProblemType.FORBIDDEN, ex.getMessage() != null && ex.getMessage().contains("CSRF")
								? "The CSRF token is missing or invalid" : "You are not allowed to do this"))));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
					"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/console", true).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
						+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
						+ "form-action 'self'; base-uri 'self'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/**
	 * No observation around each security filter, authentication and authorization: they
	 * cost a timer and a context per filter on every API call (a dozen per request), and
	 * the request itself is still observed as {@code http.server.requests}.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt today, with the algorithm recorded in each hash so that it can be
		// upgraded on login later
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	private static boolean isOpenActuator(HttpServletRequest request) {
		String path = request.getRequestURI();
		return OPEN_ACTUATOR.contains(path) || path.startsWith("/actuator/health/");
	}

}
