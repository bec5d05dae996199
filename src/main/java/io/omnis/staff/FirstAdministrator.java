package io.omnis.staff;

import java.security.SecureRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.omnis.kernel.security.Role;

/**
 * On a start with no administrator, creates {@code admin} with the password from
 * {@code OMNIS_ADMIN_PASSWORD}, or a generated one printed once in the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstAdministrator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final Staff staff;

	private final @Nullable String configuredPassword;

	FirstAdministrator(Staff staff,
			@Value("${omnis.admin.password:${OMNIS_ADMIN_PASSWORD:}}") @Nullable String password) {
		this.staff = staff;
		this.configuredPassword = password == null || password.isBlank() ? null : password;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (staff.hasAdministrator()) {
			return;
		}
		String password = configuredPassword != null ? configuredPassword : generate();
		staff.create("admin", "Administrator", Role.ADMINISTRATOR, password);
		if (configuredPassword != null) {
			log.info("Created the administrator 'admin' with the password from OMNIS_ADMIN_PASSWORD");
		}
		else {
			log.warn("""

					==========================================================
					  Omnis created the administrator account:
					    user:     admin
					    password: {}
					  This is the only time the password is shown.
					==========================================================""", password);
		}
	}

	static String generate() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
