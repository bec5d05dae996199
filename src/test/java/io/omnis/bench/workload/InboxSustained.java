package io.omnis.bench.workload;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.omnis.bench.Api;
import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Mode;
import io.omnis.bench.Workload;

/**
 * The inbox at a fixed arrival rate, as issue 6 states its target: {@value #RATE} inbound
 * SMS a second, each until the agent's open console stream announces its conversation,
 * p99 under a second. An open loop on top of the suite's closed one: every operation has
 * a slot on a {@value #RATE}/s schedule, waits for it, and its latency is counted from
 * the slot (so a slow Omnis that makes messages queue is charged for the queueing, no
 * coordinated omission). Nine in ten messages come from customers who already have a
 * conversation open (a pool set up beforehand, each writing again every few seconds), one
 * in ten from a new customer. Meanwhile the chat widget streams of {@link ChatStreams}
 * (1,000 in full mode) are held open on the same node.
 * <p>
 * The table's latency columns include the wait for the slot; the latencies from the slot
 * of the measured phase are printed under the table. The row's ops/s is the rate Omnis
 * kept up with: {@value #RATE} when it did.
 */
public class InboxSustained implements Workload {

	static final int RATE = 200;

	/**
	 * The CI smoke checks that the workload runs, on a machine busy with the rest of the
	 * build: a tenth of the rate there.
	 */
	static final int SMOKE_RATE = RATE / 10;

	/**
	 * A slot missed by more than this starts the schedule again (a pause between phases).
	 */
	private static final long REANCHOR_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final int MAX_POOL = 600;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final ChatStreams chats = new ChatStreams();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(threads)
		.build();

	/** Conversation id → when the agent's stream last named it. */
	private final Map<String, Long> lastAnnounced = new ConcurrentHashMap<>();

	/** Conversation id → the operations waiting to see it named after they sent. */
	private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

	/** Slot and latency (from the slot) of every operation, nanoseconds. */
	private final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();

	private final AtomicLong anchor = new AtomicLong();

	private final AtomicLong slots = new AtomicLong();

	private final AtomicInteger reanchored = new AtomicInteger();

	private final AtomicInteger late = new AtomicInteger();

	private String smsKey = "";

	private int pool;

	private int rate = RATE;

	private long intervalNanos = TimeUnit.SECONDS.toNanos(1) / RATE;

	@Override
	public String name() {
		return "inbox-sustained";
	}

	@Override
	public String operation() {
		return "POST /api/v1/conversations/inbound/messages (SMS gateway) at " + RATE
				+ "/s open loop (9 in 10 from customers with an open conversation), until the agent's console stream "
				+ "announces it, with chat widget streams held open; latency from the scheduled send under the table";
	}

	@Override
	public int concurrency() {
		// Enough workers for half a second of latency at the rate; beyond that slots wait
		// for a free worker, and the wait is counted (latency runs from the slot). Also
		// the baseline's connection count: PostgreSQL allows 200, Omnis holds some
		return RATE / 2;
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		if (Mode.SMOKE.name().equals(bench.mode().name())) {
			rate = SMOKE_RATE;
			intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		}
		smsKey = InboxDelivery.secretKey(bench, "bench-sms-sustained");
		// The 1,000 chat connections, held while the rate runs
		chats.open(bench, "bench-chat-sustained");
		HttpRequest console = HttpRequest.newBuilder(bench.api().base().resolve("/console/conversations/stream"))
			.header("Cookie", bench.consoleSession())
			.header("Accept", "text/event-stream")
			.build();
		CompletableFuture<Void> opened = new CompletableFuture<>();
		threads.submit(() -> {
			try {
				HttpResponse<Stream<String>> response = http.send(console, HttpResponse.BodyHandlers.ofLines());
				if (response.statusCode() != 200) {
					throw new IOException("console stream answered HTTP " + response.statusCode());
				}
				String[] event = { "message" };
				response.body().forEach(line -> {
					opened.complete(null);
					if (line.startsWith("event:")) {
						event[0] = line.substring(6).strip();
					}
					else if (line.startsWith("data:") && "inbox".equals(event[0])) {
						announced(line.substring(5).strip(), System.nanoTime());
					}
					else if (line.isEmpty()) {
						event[0] = "message";
					}
				});
			}
			catch (Exception ex) {
				opened.completeExceptionally(ex);
			}
			return null;
		});
		opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		pool = Math.min(MAX_POOL, bench.mode().scale());
		bench.load("customers with an open conversation", pool, 8, n -> send(bench, poolPhone(n), n));
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		long slot = slot();
		long wait = slot - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
		String phone = n % 10 == 9 ? "+1556%07d".formatted(n % 10_000_000) : poolPhone(n % pool);
		String conversation = send(bench, phone, n);
		Waiter waiter = new Waiter(slot, new CompletableFuture<>());
		Set<Waiter> others = waiting.computeIfAbsent(conversation, id -> ConcurrentHashMap.newKeySet());
		others.add(waiter);
		try {
			Long seen = lastAnnounced.get(conversation);
			if (seen != null && seen >= slot) {
				waiter.seen().complete(seen);
			}
			long at = waiter.seen().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			samples.add(new long[] { slot, at - slot });
		}
		catch (TimeoutException ex) {
			throw new IOException("conversation " + conversation + " was not announced to the agent within " + WAIT);
		}
		finally {
			others.remove(waiter);
		}
	}

	@Override
	public Map<String, String> afterMeasure(Bench bench) {
		long[][] all = samples.toArray(long[][]::new);
		long last = Arrays.stream(all).mapToLong(s -> s[0]).max().orElse(0);
		long from = last - bench.mode().measure().toNanos() + intervalNanos;
		long[] measured = Arrays.stream(all).filter(s -> s[0] >= from).mapToLong(s -> s[1]).sorted().toArray();
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("offered rate", rate + "/s, " + pool + " customers with an open conversation");
		facts.put("latency from the scheduled send, measured phase",
				measured.length == 0 ? "none"
						: "%d messages, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(measured.length,
								ms(measured, 0.50), ms(measured, 0.95), ms(measured, 0.99),
								measured[measured.length - 1] / 1e6));
		facts.put("over 1 s", Long.toString(Arrays.stream(measured).filter(l -> l > 1_000_000_000L).count()));
		facts.put("sent more than 100 ms after their slot", Integer.toString(late.get()));
		facts.put("schedule restarted (a slot missed by over 2 s)", Integer.toString(reanchored.get()));
		chats.facts(facts);
		chats.close();
		http.shutdownNow();
		threads.shutdownNow();
		return facts;
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new InboxDelivery().baseline(bench);
	}

	/** The next slot of the schedule, starting it again after a pause. */
	private long slot() {
		long now = System.nanoTime();
		anchor.compareAndSet(0, now);
		long slot = anchor.get() + slots.getAndIncrement() * intervalNanos;
		if (now - slot > REANCHOR_NANOS) {
			synchronized (this) {
				if (now - (anchor.get() + slots.get() * intervalNanos) > REANCHOR_NANOS) {
					anchor.set(now);
					slots.set(1);
					reanchored.incrementAndGet();
				}
			}
			return now;
		}
		if (now - slot > TimeUnit.MILLISECONDS.toNanos(100)) {
			late.incrementAndGet();
		}
		return slot;
	}

	private void announced(String conversation, long at) {
		lastAnnounced.put(conversation, at);
		for (Waiter waiter : waiting.getOrDefault(conversation, Set.of())) {
			if (at >= waiter.sentAt()) {
				waiter.seen().complete(at);
			}
		}
	}

	private String send(Bench bench, String phone, long n) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(bench.api().base().resolve("/api/v1/conversations/inbound/messages"))
			.timeout(WAIT)
			.header("Authorization", "Bearer " + smsKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"from":{"phone":"%s","name":"Bench %s"},"text":"Any news about my order? (%d)"}""".formatted(phone,
					phone, n)))
			.build();
		HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() / 100 != 2) {
			throw new IOException(
					"HTTP " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
		}
		return Api.json(response).get("conversationId").asString();
	}

	private static String poolPhone(long n) {
		return "+1557%07d".formatted(n);
	}

	private static double ms(long[] sorted, double quantile) {
		int rank = (int) Math.ceil(quantile * sorted.length);
		return sorted[Math.max(0, rank - 1)] / 1e6;
	}

	private record Waiter(long sentAt, CompletableFuture<Long> seen) {
	}

}
