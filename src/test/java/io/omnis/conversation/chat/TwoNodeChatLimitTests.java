package io.omnis.conversation.chat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.omnis.TwoNodes;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.KeyKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Omnis nodes on one PostgreSQL behind a balancer: the chat limits hold across them.
 * A visitor (10 at once, then one an hour) and a client address (15 at once, then one an
 * hour) calling both nodes at the same time get exactly their limit accepted in all, not
 * twice it; the rest is 429 with {@code Retry-After} and a problem detail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeChatLimitTests {

	private static final int VISITOR_BURST = 10;

	private static final int ADDRESS_BURST = 15;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private TwoNodes nodes;

	private String writeKey;

	@BeforeAll
	void startTwoNodesOnOneDatabase() throws IOException {
		nodes = TwoNodes.start("two-node-limits-admin",
				"--omnis.conversation.chat.rate-limit.visitor-burst=" + VISITOR_BURST,
				"--omnis.conversation.chat.rate-limit.visitor-refill=1h",
				"--omnis.conversation.chat.rate-limit.address-burst=" + ADDRESS_BURST,
				"--omnis.conversation.chat.rate-limit.address-refill=1h");
		writeKey = nodes.node(0)
			.getBean(Channels.class)
			.create(ChannelType.WEB, "Site " + System.nanoTime(), null, Set.of())
			.keys()
			.stream()
			.filter(k -> k.key().kind() == KeyKind.WRITE)
			.findFirst()
			.orElseThrow()
			.secret();
	}

	@AfterAll
	void stop() throws IOException {
		http.close();
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void aVisitorCallingBothNodesAtOnceGetsHerLimitInAllNotTwiceIt() throws Exception {
		String visitor = "anon-" + UUID.randomUUID();
		HttpResponse<String> first = http.send(HttpRequest.newBuilder(nodes.base(0).resolve("/chat/v1/messages"))
			.header("Content-Type", "text/plain")
			.POST(BodyPublishers
				.ofString("{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"" + visitor + "\",\"text\":\"Hello\"}"))
			.build(), BodyHandlers.ofString());
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String token = json.readTree(first.body()).path("token").asString();
		String history = "/chat/v1/messages?key=" + encode(writeKey) + "&anonymousId=" + encode(visitor) + "&token="
				+ encode(token);

		List<HttpResponse<String>> answers = allAtOnce(40,
				i -> HttpRequest.newBuilder(nodes.base(i % 2).resolve(history)));
		long accepted = answers.stream().filter(a -> a.statusCode() == 200).count();
		assertThat(accepted + 1).as("accepted across both nodes, the first message included").isEqualTo(VISITOR_BURST);
		assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(200, 429));
		assertLimited(answers);
	}

	@Test
	void anAddressCallingBothNodesAtOnceGetsItsLimitInAllWhateverVisitorsItClaims() throws Exception {
		String address = "198.51.100." + (1 + (int) (Math.random() * 250));
		List<HttpResponse<String>> answers = allAtOnce(60,
				i -> HttpRequest
					.newBuilder(
							nodes.base(i % 2).resolve("/chat/v1/messages?key=wk_nope&anonymousId=v" + i + "&token=t"))
					.header("X-Forwarded-For", address));
		long passed = answers.stream().filter(a -> a.statusCode() != 429).count();
		assertThat(passed).as("calls past the address limit, on both nodes together").isEqualTo(ADDRESS_BURST);
		assertLimited(answers);
	}

	private void assertLimited(List<HttpResponse<String>> answers) throws Exception {
		List<HttpResponse<String>> limited = answers.stream().filter(a -> a.statusCode() == 429).toList();
		assertThat(limited).isNotEmpty();
		for (HttpResponse<String> answer : limited) {
			long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
			assertThat(retryAfter).isBetween(1L, 3600L);
			assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
				.startsWith("application/problem+json");
			JsonNode problem = json.readTree(answer.body());
			assertThat(problem.path("type").asString()).endsWith("rate-limited");
			assertThat(problem.path("status").asInt()).isEqualTo(429);
		}
	}

	private List<HttpResponse<String>> allAtOnce(int count, java.util.function.IntFunction<HttpRequest.Builder> request)
			throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				HttpRequest built = request.apply(i).GET().build();
				futures.add(pool.submit(() -> http.send(built, BodyHandlers.ofString())));
			}
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				answers.add(future.get());
			}
			return answers;
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
