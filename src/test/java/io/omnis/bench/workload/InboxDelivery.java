package io.omnis.bench.workload;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.omnis.bench.Api;
import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * How soon an agent sees a customer's message: an SMS gateway posts an inbound message,
 * and the operation ends when the conversation it landed in is announced on the console
 * stream an agent's inbox keeps open. Meanwhile up to 1,000 chat visitors keep their
 * widget streams open on the same node, as a busy site's would be.
 */
public class InboxDelivery implements Workload {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient streams = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(threads)
		.build();

	/** Conversation id → when the agent's stream first named it. */
	private final Map<String, CompletableFuture<Long>> announced = new ConcurrentHashMap<>();

	private final AtomicLong consoleEvents = new AtomicLong();

	private final ChatStreams chats = new ChatStreams();

	private String smsKey = "";

	@Override
	public String name() {
		return "inbox-delivery";
	}

	@Override
	public String operation() {
		return "POST /api/v1/conversations/inbound/messages (SMS gateway) until the agent's open console stream "
				+ "announces the conversation, with chat widget streams held open";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		smsKey = secretKey(bench, "bench-sms");
		String session = bench.consoleSession();
		HttpRequest console = HttpRequest.newBuilder(bench.api().base().resolve("/console/conversations/stream"))
			.header("Cookie", session)
			.header("Accept", "text/event-stream")
			.build();
		open(console, (event, data) -> {
			if ("inbox".equals(event)) {
				consoleEvents.incrementAndGet();
				long now = System.nanoTime();
				announced.computeIfAbsent(data, id -> new CompletableFuture<>()).complete(now);
			}
		});
		chats.open(bench, "bench-chat");
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		String phone = "+1555%07d".formatted(n % 10_000_000);
		var answer = Api.json(send(bench, """
				{"from":{"phone":"%s","name":"Bench %d"},"text":"Where is my parcel? (%d)"}""".formatted(phone, n, n)));
		String conversation = answer.get("conversationId").asString();
		try {
			announced.computeIfAbsent(conversation, id -> new CompletableFuture<>())
				.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IOException("conversation " + conversation + " was not announced to the agent within " + WAIT);
		}
		finally {
			announced.remove(conversation);
		}
	}

	@Override
	public int concurrency() {
		return 16;
	}

	@Override
	public Map<String, String> afterMeasure(Bench bench) {
		Map<String, String> facts = new LinkedHashMap<>();
		chats.facts(facts);
		facts.put("inbox events on the agent's stream", Long.toString(consoleEvents.get()));
		chats.close();
		streams.shutdownNow();
		threads.shutdownNow();
		return facts;
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new NotifyBaseline(bench);
	}

	private HttpResponse<byte[]> send(Bench bench, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(bench.api().base().resolve("/api/v1/conversations/inbound/messages"))
			.timeout(WAIT)
			.header("Authorization", "Bearer " + smsKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<byte[]> response = streams.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() / 100 != 2) {
			throw new IOException(
					"HTTP " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
		}
		return response;
	}

	/**
	 * Reads a Server-Sent Events stream on its own virtual thread for as long as Omnis
	 * keeps it open, handing each event to {@code listener}.
	 */
	private void open(HttpRequest request, BiConsumer<String, String> listener) {
		threads.submit(() -> {
			HttpResponse<Stream<String>> response = streams.send(request, HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				throw new IOException("stream answered HTTP " + response.statusCode());
			}
			String[] event = { "message" };
			response.body().forEach(line -> {
				if (line.startsWith("event:")) {
					event[0] = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					listener.accept(event[0], line.substring(5).strip());
				}
				else if (line.isEmpty()) {
					event[0] = "message";
				}
			});
			return null;
		});
	}

	static String secretKey(Bench bench, String name) throws Exception {
		var created = Api.json(bench.api().post("/api/v1/channels", """
				{"type":"SMS","name":"%s","secretKeyScopes":["conversations:write"]}""".formatted(name), null));
		for (var issued : created.get("issuedKeys")) {
			if ("SECRET".equals(issued.get("key").get("kind").asString())) {
				return issued.get("secret").asString();
			}
		}
		throw new IllegalStateException("no secret key issued");
	}

	/**
	 * The database's own way to tell a listener about a new row: INSERT and NOTIFY in one
	 * transaction, ended when a connection LISTENing receives the notification.
	 */
	private static final class NotifyBaseline implements Baseline {

		private final Bench bench;

		private final Map<String, CompletableFuture<Long>> notified = new ConcurrentHashMap<>();

		private volatile boolean listening = true;

		private Thread listener;

		NotifyBaseline(Bench bench) {
			this.bench = bench;
		}

		@Override
		public String description() {
			return "INSERT of a message row plus NOTIFY, until a LISTENing connection receives it";
		}

		@Override
		public void setUp(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create table if not exists bench_inbox (id bigserial primary key, body text)");
			}
			Connection listening = bench.database().getConnection();
			try (Statement statement = listening.createStatement()) {
				statement.execute("listen bench_inbox");
			}
			PGConnection pg = listening.unwrap(PGConnection.class);
			listener = Thread.ofVirtual().start(() -> {
				try (listening) {
					while (this.listening) {
						PGNotification[] received = pg.getNotifications(100);
						if (received != null) {
							long now = System.nanoTime();
							for (PGNotification notification : received) {
								notified.computeIfAbsent(notification.getParameter(), key -> new CompletableFuture<>())
									.complete(now);
							}
						}
					}
				}
				catch (SQLException ex) {
					notified.values().forEach(future -> future.completeExceptionally(ex));
				}
			});
		}

		@Override
		public void run(Connection connection, long n) throws SQLException {
			String key = Long.toString(n);
			CompletableFuture<Long> seen = notified.computeIfAbsent(key, k -> new CompletableFuture<>());
			try (PreparedStatement insert = connection.prepareStatement("""
					with inserted as (insert into bench_inbox (body) values (?) returning id)
					select pg_notify('bench_inbox', ?) from inserted""")) {
				insert.setString(1, "Where is my parcel? (" + n + ")");
				insert.setString(2, key);
				insert.execute();
			}
			try {
				seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				throw new SQLException("notification " + key + " not received", ex);
			}
			finally {
				notified.remove(key);
			}
		}

		@Override
		public void tearDown() throws Exception {
			listening = false;
			if (listener != null) {
				listener.join(Duration.ofSeconds(5));
			}
		}

	}

}
