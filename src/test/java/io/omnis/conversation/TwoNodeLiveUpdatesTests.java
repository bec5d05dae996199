package io.omnis.conversation;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import io.omnis.TwoNodes;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Omnis nodes on one PostgreSQL behind a load balancer: an agent's console is
 * connected to one, the customer's message arrives through the other, and the agent's
 * inbox still hears of it at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeLiveUpdatesTests {

	private static final String PASSWORD = "two-node-live-admin";

	private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("OMNIS_SESSION=[^;]+");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private TwoNodes nodes;

	private String smsKey;

	@BeforeAll
	void startTwoNodesOnOneDatabase() throws IOException {
		nodes = TwoNodes.start(PASSWORD);
		smsKey = nodes.node(0)
			.getBean(Channels.class)
			.create(ChannelType.SMS, "SMS gateway " + System.nanoTime(), null,
					EnumSet.of(Permission.CONVERSATIONS_WRITE))
			.keys()
			.stream()
			.filter(k -> k.key().kind() == KeyKind.SECRET)
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
	void aMessageTakenInOnOneNodeReachesTheInboxOpenOnTheOther() throws Exception {
		URI second = nodes.base(1);
		BlockingQueue<String> heard = new LinkedBlockingQueue<>();
		HttpRequest stream = HttpRequest.newBuilder(second.resolve("/console/conversations/stream"))
			.header("Cookie", signIn(second))
			.header("Accept", "text/event-stream")
			.build();
		Thread listener = Thread.ofVirtual().start(() -> {
			try {
				HttpResponse<Stream<String>> answer = http.send(stream, BodyHandlers.ofLines());
				heard.add("status:" + answer.statusCode());
				answer.body().forEach(heard::add);
			}
			catch (IOException | InterruptedException ex) {
				heard.add("closed:" + ex);
			}
		});
		try {
			assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("status:200");

			HttpResponse<String> taken = http
				.send(HttpRequest.newBuilder(nodes.base(0).resolve("/api/v1/conversations/inbound/messages"))
					.header("Authorization", "Bearer " + smsKey)
					.header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString("""
							{"from":{"phone":"+351912345678","name":"Marta"},"text":"Is my parcel on its way?"}"""))
					.build(), BodyHandlers.ofString());
			assertThat(taken.statusCode()).isEqualTo(201);
			String conversation = JsonMapper.builder().build().readTree(taken.body()).get("conversationId").asString();

			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			boolean inbox = false;
			while (!inbox && System.nanoTime() < deadline) {
				String line = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if ("event:inbox".equals(line)) {
					inbox = ("data:" + conversation).equals(heard.poll(1, TimeUnit.SECONDS));
				}
			}
			assertThat(inbox).as("the second node's console heard of %s", conversation).isTrue();
		}
		finally {
			listener.interrupt();
		}
	}

	private String signIn(URI node) throws IOException, InterruptedException {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(node.resolve("/login")).build(),
				BodyHandlers.ofString());
		String cookie = find(SESSION, page.headers().allValues("Set-Cookie").toString(), 0);
		String form = "username=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(find(FORM_CSRF, page.body(), 1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(node.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(BodyPublishers.ofString(form))
			.build(), BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return find(SESSION, signedIn.headers().allValues("Set-Cookie").toString(), 0);
	}

	private static String find(Pattern pattern, String text, int group) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
		return matcher.group(group);
	}

}
