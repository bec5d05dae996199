package io.omnis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message Omnis accepted is never lost: Omnis runs as a separate process, is killed
 * with SIGKILL while clients are sending, and after a restart on the same data every
 * accepted message is there and identity resolution picks up where it stopped.
 */
class CrashSafetyTests {

	private static final String PASSWORD = "crash-test-admin-password";

	private static final Pattern DATABASE_PORT = Pattern.compile("Embedded PostgreSQL \\w+ on 127\\.0\\.0\\.1:(\\d+)");

	private final Path dataDir = Path.of("target", "test-pg", "crash-" + System.nanoTime()).toAbsolutePath();

	private final List<Process> started = new ArrayList<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (Process process : started) {
			process.destroy();
			if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		// The PostgreSQL of a killed Omnis outlives it when the restart failed
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (Files.exists(pidFile)) {
			long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
		}
	}

	@Test
	void everyMessageAcceptedBeforeAHardStopIsThereAfterTheRestartAndGetsResolved() throws Exception {
		Omnis first = start(1);
		String writeKey = createChannel(first);
		Set<String> accepted = ConcurrentHashMap.newKeySet();
		AtomicInteger acceptedBatches = new AtomicInteger();
		AtomicBoolean sending = new AtomicBoolean(true);
		List<Thread> senders = new ArrayList<>();
		for (int s = 0; s < 2; s++) {
			int sender = s;
			senders.add(Thread.ofPlatform().start(() -> {
				for (int batch = 0; sending.get(); batch++) {
					List<String> ids = new ArrayList<>();
					ObjectNode body = Http.JSON.createObjectNode();
					for (int i = 0; i < 25; i++) {
						String id = "crash-" + sender + "-" + batch + "-" + i;
						ids.add(id);
						body.withArray("batch")
							.addObject()
							.put("type", i % 5 == 0 ? "identify" : "track")
							.put("event", "Scanned")
							.put("messageId", id)
							.put("userId", "shopper-" + sender + "-" + (batch % 7))
							.put("anonymousId", "till-" + sender + "-" + (i % 3));
					}
					try {
						Http.Reply reply = Http.post(first.uri("/v1/batch"), body.toString(), "Content-Type",
								"application/json", "Authorization", basic(writeKey));
						if (reply.status() == 200) {
							accepted.addAll(ids);
							acceptedBatches.incrementAndGet();
						}
					}
					catch (AssertionError connectionLost) {
						return;
					}
				}
			}));
		}
		Poll.until(Duration.ofSeconds(60), acceptedBatches::get, n -> n >= 20);
		first.process().destroyForcibly().waitFor();
		sending.set(false);
		for (Thread sender : senders) {
			sender.join(Http.TIMEOUT.toMillis() * 2);
		}
		assertThat(accepted).hasSizeGreaterThanOrEqualTo(20 * 25);

		Omnis second = start(2);
		try (Connection database = DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:" + second.databasePort() + "/postgres", "postgres", "")) {
			Set<String> stored = strings(database, "select message_id from tracked_event");
			assertThat(stored).containsAll(accepted);
			Poll.until(Duration.ofSeconds(60), () -> strings(database, """
					select e.message_id from tracked_event e join event_resolution_queue q on q.seq = e.seq"""),
					Set::isEmpty);
			assertThat(strings(database, """
					select message_id from tracked_event e
					 where not exists (select 1 from event_profile p where p.seq = e.seq)""")).isEmpty();
			assertThat(strings(database, """
					select profile_id from identifier where type = 'user_id'
					 group by profile_id having count(*) > 1""")).isEmpty();
		}
	}

	/** A running Omnis process, its address and its log. */
	record Omnis(Process process, int port, Path log) {

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + port + path);
		}

		int databasePort() throws IOException {
			Matcher matcher = DATABASE_PORT.matcher(Files.readString(log));
			int port = -1;
			while (matcher.find()) {
				port = Integer.parseInt(matcher.group(1));
			}
			assertThat(port).as("database port in " + log).isPositive();
			return port;
		}

	}

	private Omnis start(int run) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Path log = Path.of("target", "crash-safety-run-" + run + "-" + System.nanoTime() + ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), "io.omnis.OmnisApplication", "--server.port=" + port,
				"--omnis.database.embedded.data-dir=" + dataDir, "--omnis.admin.password=" + PASSWORD,
				"--omnis.demo.enabled=false");
		// As an operator may run it: without the API documentation
		builder.environment().put("OMNIS_API_DOCS", "false");
		Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		started.add(process);
		Omnis omnis = new Omnis(process, port, log);
		Poll.until(Duration.ofSeconds(120), () -> {
			assertThat(process.isAlive()).as("Omnis exited; see " + log).isTrue();
			return Http.get(omnis.uri("/actuator/health")).status();
		}, status -> status == 200);
		assertThat(Http.get(omnis.uri("/v3/api-docs")).status()).as("API documentation off").isEqualTo(404);
		assertThat(Http.get(omnis.uri("/swagger-ui.html")).status()).as("its page off").isEqualTo(404);
		return omnis;
	}

	/** Signs in to the console as the administrator and creates a channel. */
	private static String createChannel(Omnis omnis) {
		Http.Reply loginPage = Http.get(omnis.uri("/login"));
		String cookie = cookie(loginPage);
		String form = "username=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ find("name=\"_csrf\"\\s+value=\"([^\"]+)\"", loginPage.text());
		Http.Reply signedIn = Http.post(omnis.uri("/login"), form, "Content-Type", "application/x-www-form-urlencoded",
				"Cookie", cookie);
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
		cookie = cookie(signedIn);
		String csrf = find("<meta name=\"_csrf\" content=\"([^\"]+)\"",
				Http.get(omnis.uri("/console"), "Cookie", cookie).text());
		Http.Reply created = Http.post(omnis.uri("/api/v1/channels"),
				"{\"type\":\"STORE\",\"name\":\"Crash test till\"}", "Content-Type", "application/json", "Cookie",
				cookie, "X-CSRF-TOKEN", csrf);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		for (JsonNode issued : created.json().get("issuedKeys")) {
			if ("WRITE".equals(issued.at("/key/kind").stringValue())) {
				return issued.get("secret").stringValue();
			}
		}
		throw new AssertionError("No write key in " + created);
	}

	private static String cookie(Http.Reply reply) {
		return reply.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(header -> header.split(";", 2)[0])
			.filter(header -> header.startsWith("OMNIS_SESSION="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No session cookie in " + reply.headers()));
	}

	private static String find(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as(regex).isTrue();
		return matcher.group(1);
	}

	private static String basic(String writeKey) {
		return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
	}

	private static Set<String> strings(Connection database, String sql) throws SQLException {
		Set<String> values = new HashSet<>();
		try (ResultSet rows = database.createStatement().executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
