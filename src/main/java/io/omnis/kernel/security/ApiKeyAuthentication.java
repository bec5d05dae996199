package io.omnis.kernel.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated API call, whose authorities are its key's scopes.
 */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final ApiCaller caller;

	public ApiKeyAuthentication(ApiCaller caller) {
		super(caller.scopes().stream().map(scope -> new SimpleGrantedAuthority(scope.authority())).toList());
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public ApiCaller getPrincipal() {
		return caller;
	}

	@Override
	public String getName() {
		return caller.keyId();
	}

}
