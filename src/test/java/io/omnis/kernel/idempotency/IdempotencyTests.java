package io.omnis.kernel.idempotency;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.ChunkedBody;
import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A create retried with the same {@code Idempotency-Key} happens once, over real HTTP and
 * a real database.
 */
class IdempotencyTests extends RunningOmnis {

	@Test
	void aRetryReplaysTheFirstAnswerSecretsIncludedAndCreatesOneChannel() {
		Caller caller = manager();
		String key = UUID.randomUUID().toString();
		String name = unique("Retried");
		String body = "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(name);
		long before = channelCount();

		Answer first = caller.post("/api/v1/channels", body, "Idempotency-Key", key);
		Answer retry = caller.post("/api/v1/channels", body, "Idempotency-Key", key);

		first.expect(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.text()).isEqualTo(first.text()).contains("\"secret\":\"sk_");
		assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
		assertThat(retry.contentType()).isEqualTo(first.contentType());
		assertThat(channelCount()).isEqualTo(before + 1);
		assertThat(countNamed(name)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithADifferentBodyIsRefusedAndCreatesNothing() {
		Caller caller = manager();
		String key = UUID.randomUUID().toString();
		caller
			.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("First")),
					"Idempotency-Key", key)
			.expect(201);
		long before = channelCount();
		String other = unique("Second");

		Answer answer = caller.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(other),
				"Idempotency-Key", key);

		answer.expectProblem(422, "idempotency-key-reused", "Idempotency-Key");
		assertThat(channelCount()).isEqualTo(before);
		assertThat(countNamed(other)).isZero();
	}

	@Test
	void theSameKeyOnAnotherPathIsADifferentRequest() {
		Caller caller = manager();
		String key = UUID.randomUUID().toString();
		String id = caller
			.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("Path")),
					"Idempotency-Key", key)
			.expect(201)
			.path("channel")
			.path("id")
			.asString();

		caller.post("/api/v1/channels/" + id + "/disable", "", "Idempotency-Key", key)
			.expectProblem(422, "idempotency-key-reused");
		assertThat(caller.get("/api/v1/channels/" + id).expect(200).path("status").asString()).isEqualTo("ACTIVE");
	}

	@Test
	void twentyConcurrentRequestsWithOneKeyCreateOneChannelAndAllGetTheSameAnswer() throws Exception {
		Caller caller = manager();
		String key = UUID.randomUUID().toString();
		String name = unique("Concurrent");
		String body = "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(name);
		long before = channelCount();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Answer>> answers = new ArrayList<>();

		try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
			for (int i = 0; i < 20; i++) {
				answers.add(threads.submit(() -> {
					start.await();
					return caller.post("/api/v1/channels", body, "Idempotency-Key", key);
				}));
			}
			start.countDown();
		}

		List<Answer> all = new ArrayList<>();
		for (Future<Answer> answer : answers) {
			all.add(answer.get());
		}
		assertThat(all).extracting(Answer::status).containsOnly(201);
		assertThat(all).extracting(Answer::text).containsOnly(all.get(0).text());
		assertThat(all).filteredOn(answer -> answer.header("Idempotent-Replayed") == null).hasSize(1);
		assertThat(channelCount()).isEqualTo(before + 1);
		assertThat(countNamed(name)).isEqualTo(1);
	}

	@Test
	void theSameKeyFromTwoCallersIsTwoDifferentKeys() {
		Caller one = manager();
		Caller two = manager();
		String key = UUID.randomUUID().toString();
		long before = channelCount();

		Answer first = one.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("One")),
				"Idempotency-Key", key);
		Answer second = two.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("Two")),
				"Idempotency-Key", key);

		first.expect(201);
		second.expect(201);
		assertThat(second.header("Idempotent-Replayed")).isNull();
		assertThat(second.text()).isNotEqualTo(first.text());
		assertThat(channelCount()).isEqualTo(before + 2);
	}

	@Test
	void aFirstAttemptThatWasRefusedCanBeRetriedWithTheSameKey() {
		Caller caller = manager();
		String key = UUID.randomUUID().toString();
		long before = channelCount();

		caller.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"  \"}", "Idempotency-Key", key)
			.expectProblem(400, "invalid-field", "name");
		Answer retry = caller.post("/api/v1/channels",
				"{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("Fixed")), "Idempotency-Key", key);

		retry.expect(201);
		assertThat(retry.header("Idempotent-Replayed")).isNull();
		assertThat(channelCount()).isEqualTo(before + 1);
	}

	@Test
	void aMalformedKeyIsRefusedNamingTheHeader() {
		Caller caller = manager();
		long before = channelCount();

		for (String key : List.of("with space", "x".repeat(256), "")) {
			caller
				.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("Bad key")),
						"Idempotency-Key", key)
				.expectProblem(400, "idempotency-key-invalid", "Idempotency-Key");
		}
		assertThat(channelCount()).isEqualTo(before);
	}

	@Test
	void aChunkedBodyOverOneMegabyteWithAKeyIsRefusedAsTooLarge() {
		Caller caller = manager();
		long before = channelCount();
		String body = "{\"type\": \"WEB\", \"name\": \"big\", \"description\": \"" + "d".repeat(1024 * 1024) + "\"}";

		Answer answer = caller.send("POST", "/api/v1/channels", ChunkedBody.of(body), "Content-Type",
				"application/json", "Idempotency-Key", UUID.randomUUID().toString());

		answer.expectProblem(413, "payload-too-large");
		assertThat(channelCount()).isEqualTo(before);
	}

	@Test
	void aKeyIsIgnoredWhereNothingIsCreated() {
		Caller caller = manager();

		caller.get("/api/v1/channels", "Idempotency-Key", "not checked on reads").expect(200);
	}

	private long countNamed(String name) {
		return jdbc.sql("select count(*) from channel where name = :name")
			.param("name", name)
			.query(Long.class)
			.single();
	}

}
