package io.omnis.kernel.security;

import java.util.Set;

/**
 * A server or store system calling the API with a secret key of one channel.
 *
 * @param keyId the key's id, recorded as the actor of what the call changes
 * @param channelId the channel the key belongs to
 * @param scopes what the key may do
 */
public record ApiCaller(String keyId, String channelId, Set<Permission> scopes) {
}
