package io.omnis.fulfilment.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.omnis.kernel.security.SignedLinks;

/**
 * Pickup links are opened by customers who have no account ({@link SignedLinks}).
 */
@Configuration(proxyBeanMethods = false)
class PickupLinkSecurity {

	@Bean
	@Order(-2)
	SecurityFilterChain pickupLinkChain(HttpSecurity http) throws Exception {
		return SignedLinks.chain(http, "/pickup/**");
	}

}
