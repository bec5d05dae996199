package io.omnis.channel.web;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node keeps the keys it found usable for {@code omnis.api.key-cache-ttl} (5 s): a key
 * revoked by another node (here: straight in the database, as that node would) is refused
 * within that time, and one whose channel another node disabled too.
 */
class KeyCacheTests extends RunningOmnis {

	private static final Duration TTL = Duration.ofSeconds(5);

	@Test
	void aKeyRevokedOnAnotherNodeIsRefusedHereWithinTheCacheTime() {
		Channels.Created created = channels.create(ChannelType.WEB, unique("Cached key"), null,
				Set.of(Permission.CHANNELS_READ));
		Caller caller = bearer(secretOf(created));
		caller.get("/api/v1/channels").expect(200);

		long revokedAt = System.nanoTime();
		assertThat(jdbc.sql("update channel_key set revoked_at = now() where channel_id = :id and kind = 'SECRET'")
			.param("id", created.channel().id().value())
			.update()).isEqualTo(1);

		awaitRefused(caller, revokedAt);
	}

	@Test
	void aKeyOfAChannelDisabledOnAnotherNodeIsRefusedHereWithinTheCacheTime() {
		Channels.Created created = channels.create(ChannelType.STORE, unique("Cached channel"), null,
				Set.of(Permission.CHANNELS_READ));
		Caller caller = bearer(secretOf(created));
		caller.get("/api/v1/channels").expect(200);

		long disabledAt = System.nanoTime();
		jdbc.sql("update channel set status = 'DISABLED' where id = :id")
			.param("id", created.channel().id().value())
			.update();

		awaitRefused(caller, disabledAt);
	}

	private static void awaitRefused(Caller caller, long since) {
		while (true) {
			var answer = caller.get("/api/v1/channels");
			Duration waited = Duration.ofNanos(System.nanoTime() - since);
			if (answer.status() == 401) {
				assertThat(waited).isLessThanOrEqualTo(TTL.plusSeconds(1));
				return;
			}
			assertThat(answer.status()).isEqualTo(200);
			assertThat(waited).as("still accepted after the cache time").isLessThanOrEqualTo(TTL.plusSeconds(1));
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
