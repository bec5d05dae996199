package io.omnis.conversation.quality;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.omnis.kernel.security.SignedLinks;

/**
 * Survey links are opened by customers who have no account ({@link SignedLinks}).
 */
@Configuration(proxyBeanMethods = false)
class SurveySecurity {

	@Bean
	@Order(-2)
	SecurityFilterChain survey(HttpSecurity http) throws Exception {
		return SignedLinks.chain(http, "/survey/**");
	}

}
