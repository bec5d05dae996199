package io.omnis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Omnis: the one backend every customer channel plugs into.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OmnisApplication {

	public static void main(String[] args) {
		SpringApplication.run(OmnisApplication.class, args);
	}

}
