package io.omnis.channel.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.ApiCaller;
import io.omnis.kernel.security.ApiKeyAuthenticator;

/**
 * Authenticates secret keys for the API: one indexed lookup by hash; the key's last use
 * is written at most once a minute so that busy integrations do not turn every read into
 * a write.
 */
@Component
class SecretKeyAuthenticator implements ApiKeyAuthenticator {

	private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private final ChannelStore store;

	private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

	SecretKeyAuthenticator(ChannelStore store) {
		this.store = store;
	}

	@Override
	public Optional<ApiCaller> authenticate(String secret) {
		if (!secret.startsWith(KeyKind.SECRET.prefix() + "_")) {
			return Optional.empty();
		}
		return store.usableKeyByHash(Secrets.hash(secret), KeyKind.SECRET).map(key -> {
			Instant now = Instant.now();
			Instant previous = lastTouched.get(key.id());
			if (previous == null || previous.plus(TOUCH_INTERVAL).isBefore(now)) {
				lastTouched.put(key.id(), now);
				store.touchKey(key.id());
			}
			return new ApiCaller(key.id(), key.channelId().value(), key.scopes());
		});
	}

}
