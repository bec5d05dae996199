package io.omnis.kernel.security;

import java.util.Optional;

/**
 * Resolves a secret API key presented as {@code Authorization: Bearer …} to its caller.
 * Implemented by the module that issues keys.
 */
public interface ApiKeyAuthenticator {

	/**
	 * The caller owning the key, or empty when the key is unknown, revoked, expired or
	 * its channel is disabled.
	 */
	Optional<ApiCaller> authenticate(String secret);

}
