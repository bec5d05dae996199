package io.omnis.conversation.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The web chat is called from customers' browsers on the organisation's sites: it has no
 * session and no cookies (so nothing for CSRF to protect); each call names its channel by
 * the public write key and its visitor by the anonymous id and visitor token.
 */
@Configuration(proxyBeanMethods = false)
class ChatSecurity {

	@Bean
	@Order(-1)
	SecurityFilterChain chat(HttpSecurity http) throws Exception {
		http.securityMatcher("/chat/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.anonymous(anonymous -> anonymous.disable())
			// The widget is a script that other sites load: it must not be framed or
			// sniffed
			.headers(headers -> headers.contentTypeOptions(options -> {
			}));
		return http.build();
	}

}
