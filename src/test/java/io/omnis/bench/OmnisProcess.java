package io.omnis.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Omnis as it ships: {@code java -jar target/omnis.jar} in a child process, with the JDK
 * that runs the suite, its database given by {@code OMNIS_DATABASE_URL}, on a free port
 * of 127.0.0.1.
 */
final class OmnisProcess implements Omnis {

	private static final Duration READY_WITHIN = Duration.ofMinutes(6);

	private final Process process;

	private final URI baseUri;

	private final Path jar;

	private OmnisProcess(Process process, URI baseUri, Path jar) {
		this.process = process;
		this.baseUri = baseUri;
		this.jar = jar;
	}

	static Launcher jar(Path jar) {
		return jar(jar, List.of());
	}

	/** Launches the jar with further JVM options (a flight recording when profiling). */
	static Launcher jar(Path jar, List<String> jvmOptions) {
		return (jdbcUrl, adminPassword, log) -> {
			if (!Files.isRegularFile(jar)) {
				throw new IOException(jar + " is missing: build it first (./mvnw package)");
			}
			int port = freePort();
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(jvmOptions);
			command.addAll(List.of("-jar", jar.toString()));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			Map<String, String> env = builder.environment();
			env.keySet().removeIf(name -> name.startsWith("OMNIS_"));
			env.putAll(Map.of("OMNIS_DATABASE_URL", jdbcUrl, "OMNIS_DATABASE_USERNAME", "postgres",
					"OMNIS_DATABASE_PASSWORD", "", "OMNIS_PORT", Integer.toString(port), "OMNIS_ADDRESS", "127.0.0.1",
					"OMNIS_ADMIN_PASSWORD", adminPassword));
			OmnisProcess omnis = new OmnisProcess(builder.start(), URI.create("http://127.0.0.1:" + port), jar);
			try {
				omnis.awaitReadiness(log);
			}
			catch (Exception ex) {
				omnis.close();
				throw ex;
			}
			return omnis;
		};
	}

	@Override
	public URI baseUri() {
		return baseUri;
	}

	@Override
	public Optional<ProcessHandle> process() {
		return Optional.of(process.toHandle());
	}

	@Override
	public String launch() {
		return "java -jar " + jar + " (pid " + process.pid() + ")";
	}

	private void awaitReadiness(Path log) throws IOException, InterruptedException {
		HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		try (HttpClient client = HttpClient.newHttpClient()) {
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IOException(
							"Omnis exited with " + process.exitValue() + " before it was ready:\n" + tail(log));
				}
				try {
					if (client.send(ready, BodyHandlers.discarding()).statusCode() == 200) {
						return;
					}
				}
				catch (IOException notYet) {
					// not listening yet
				}
				Thread.sleep(250);
			}
		}
		throw new IOException("Omnis was not ready within " + READY_WITHIN.toSeconds() + " s:\n" + tail(log));
	}

	/** Stops gracefully (SIGTERM), forcibly after 20 seconds. */
	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
