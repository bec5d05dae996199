package io.omnis.conversation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of inbound messages, more at once than the database pool has connections, while
 * an agent's inbox is open: every message is taken in and announced on the inbox stream,
 * and the live pushes leave no event publication behind (they were once recorded as
 * publications, marked on a second connection by each committing request thread, and such
 * a burst exhausted the pool for good).
 */
class LiveInboxBurstTests extends ConversationFixtures {

	private static final int MESSAGES = 120;

	@Test
	void aBurstBeyondThePoolIsTakenInAndEveryConversationIsAnnounced() throws Exception {
		var session = signIn("admin", ADMIN_PASSWORD);
		Set<String> announced = ConcurrentHashMap.newKeySet();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<Stream<String>> open = client
			.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/console/conversations/stream"))
				.header("Cookie", session.cookie())
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofLines())
			.get(10, TimeUnit.SECONDS);
		assertThat(open.statusCode()).isEqualTo(200);
		Thread.ofVirtual().start(() -> {
			String[] event = { "" };
			open.body().forEach(line -> {
				if (line.startsWith("event:")) {
					event[0] = line.substring(6).strip();
				}
				else if (line.startsWith("data:") && "inbox".equals(event[0])) {
					announced.add(line.substring(5).strip());
				}
			});
		});
		long publicationsBefore = livePublications();

		Caller sms = bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)));
		Random random = new Random(20261124);
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < MESSAGES / 3; i++) {
			phones.add("+1559" + (1000000 + random.nextInt(8999999)));
		}
		List<Callable<Answer>> sends = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			String phone = phones.get(i % phones.size());
			String text = "Burst " + i;
			sends.add(() -> sms.post("/api/v1/conversations/inbound/messages",
					"{\"from\":{\"phone\":\"" + phone + "\"},\"text\":\"" + text + "\"}"));
		}
		Set<String> conversations = ConcurrentHashMap.newKeySet();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Future<Answer> sent : threads.invokeAll(sends, 60, TimeUnit.SECONDS)) {
				assertThat(sent.isCancelled()).as("answered within a minute").isFalse();
				Answer answer = sent.get();
				assertThat(answer.status()).as(answer.text()).isEqualTo(201);
				conversations.add(answer.json().get("conversationId").asString());
			}
		}

		assertThat(conversations).hasSize(phones.size());
		Poll.until(Duration.ofSeconds(10), () -> Set.copyOf(announced), seen -> seen.containsAll(conversations));
		assertThat(announced).containsAll(conversations);
		assertThat(livePublications()).isEqualTo(publicationsBefore);
	}

	private long livePublications() {
		return jdbc.sql("select count(*) from event_publication where listener_id like '%LiveUpdates%'")
			.query(Long.class)
			.single();
	}

}
