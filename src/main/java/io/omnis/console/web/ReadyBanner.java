package io.omnis.console.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says where to go once Omnis is ready: the console, the API documentation and the health
 * endpoint.
 */
@Component
class ReadyBanner {

	private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

	@EventListener
	void ready(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		String base = "http://localhost:" + port;
		String docs = environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class, true)
				? ", API documentation " + base + "/swagger-ui.html" : "";
		log.info("Omnis is ready: console {}/console{}, health {}/actuator/health", base, docs, base);
	}

}
