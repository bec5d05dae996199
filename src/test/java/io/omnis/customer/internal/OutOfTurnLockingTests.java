package io.omnis.customer.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.ResolverOffOmnis;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Out-of-turn resolution runs beside resolution batches and waits only for holders of the
 * graph lock (a split, consent): a caller waiting for her sender's profile never waits
 * for a batch of other people's events. The background workers are off, so the test holds
 * the locks a batch and a split hold.
 */
class OutOfTurnLockingTests extends ResolverOffOmnis {

	@Autowired
	GraphLocks locks;

	@Autowired
	TransactionTemplate transactions;

	/** Threads of their own: the common pool may have one thread on a small machine. */
	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stopThreads() {
		threads.shutdownNow();
	}

	@Test
	void aMessageIsResolvedOutOfTurnWhileEveryShardIsInABatch() throws Exception {
		String channel = channel("beside batches");
		String anonymous = "anon-" + UUID.randomUUID();
		assertThat(collection.record(channel, message("m1-" + anonymous, anonymous))).isTrue();

		Optional<String> profile = whileHeld(() -> {
			for (int shard = 0; shard < 64; shard++) {
				assertThat(locks.tryLockShard(shard)).isTrue();
			}
		}, held -> {
			CompletableFuture<Optional<String>> resolving = CompletableFuture
				.supplyAsync(() -> resolver.resolveNow(channel, "m1-" + anonymous), threads);
			// Done while every shard stays locked
			return resolving.get(20, TimeUnit.SECONDS);
		});
		assertThat(profile).isPresent();
	}

	@Test
	void aMessageWaitsForTheGraphLockAndIsResolvedWhenItIsLetGo() throws Exception {
		String channel = channel("behind a split");
		String anonymous = "anon-" + UUID.randomUUID();
		assertThat(collection.record(channel, message("m1-" + anonymous, anonymous))).isTrue();

		CompletableFuture<Optional<String>> resolving = whileHeld(locks::lockGraph, held -> {
			CompletableFuture<Optional<String>> started = CompletableFuture
				.supplyAsync(() -> resolver.resolveNow(channel, "m1-" + anonymous), threads);
			Thread.sleep(Duration.ofMillis(700));
			assertThat(started).as("resolved while the graph lock was held").isNotDone();
			return started;
		});
		assertThat(resolving.get(20, TimeUnit.SECONDS)).isPresent();
	}

	/**
	 * Runs {@code body} while another transaction, on its own thread, holds what
	 * {@code lock} takes; lets it go afterwards.
	 */
	private <T> T whileHeld(Runnable lock, Held<T> body) throws Exception {
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			lock.run();
			locked.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}), threads);
		try {
			assertThat(locked.await(20, TimeUnit.SECONDS)).isTrue();
			return body.run(holder);
		}
		finally {
			release.countDown();
			holder.get(20, TimeUnit.SECONDS);
		}
	}

	private interface Held<T> {

		T run(CompletableFuture<Void> holder) throws Exception;

	}

	private String channel(String name) {
		return channels
			.create(ChannelType.CHAT, name + " " + UUID.randomUUID().toString().substring(0, 8), null, Set.of())
			.channel()
			.id()
			.value();
	}

	private static ObjectNode message(String messageId, String anonymousId) {
		ObjectNode message = JSON.createObjectNode();
		message.put("type", "identify");
		message.put("messageId", messageId);
		message.put("anonymousId", anonymousId);
		return message;
	}

}
