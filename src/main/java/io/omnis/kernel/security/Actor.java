package io.omnis.kernel.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is doing what the current request changes: a console user's name or an API key's
 * id, recorded on ledgers and audit trails.
 */
public final class Actor {

	private Actor() {
	}

	public static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return "system";
		}
		return authentication instanceof ApiKeyAuthentication api ? "key:" + api.getName()
				: "user:" + authentication.getName();
	}

}
