package io.omnis.tracking.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.problem.Problems;
import io.omnis.tracking.TrackingProperties;
import io.omnis.tracking.internal.Collector;
import io.omnis.tracking.internal.RequestReader;
import io.omnis.tracking.internal.RequestReader.Refused;

/**
 * The Segment-compatible HTTP Tracking API, so that the official client libraries work
 * unchanged when pointed at Omnis. The write key (Basic user, or {@code writeKey} in the
 * body) names the source channel.
 */
@RestController
@Tag(name = "Tracking", description = "Segment-compatible event collection (write key auth)")
class CollectionEndpoints {

	private static final Map<String, String> SHORT_TYPES = Map.of("t", "track", "i", "identify", "p", "page", "s",
			"screen", "g", "group", "a", "alias");

	private final Collector collector;

	private final RequestReader reader;

	private final Channels channels;

	private final TrackingProperties limits;

	private final Semaphore inFlight;

	private final io.omnis.tracking.internal.Backlog backlog;

	CollectionEndpoints(Collector collector, RequestReader reader, Channels channels, TrackingProperties limits,
			io.omnis.tracking.internal.Backlog backlog) {
		this.collector = collector;
		this.reader = reader;
		this.channels = channels;
		this.limits = limits;
		this.backlog = backlog;
		this.inFlight = new Semaphore(limits.maxConcurrentRequests());
	}

	@PostMapping({ "/v1/batch", "/v1/import", "/v1/import/", "/v1/b" })
	@Operation(summary = "A batch of messages (analytics-node, analytics-java, analytics.js)")
	ResponseEntity<?> batch(HttpServletRequest request) {
		return collect(request, null);
	}

	@PostMapping({ "/v1/identify", "/v1/track", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias" })
	@Operation(summary = "One message of the type named by the path")
	ResponseEntity<?> single(HttpServletRequest request) {
		String path = request.getRequestURI();
		return collect(request, path.substring(path.lastIndexOf('/') + 1));
	}

	@PostMapping({ "/v1/t", "/v1/i", "/v1/p", "/v1/s", "/v1/g", "/v1/a" })
	@Operation(summary = "analytics.js short routes (text/plain, writeKey in the body)")
	ResponseEntity<?> shortRoute(HttpServletRequest request) {
		String path = request.getRequestURI();
		return collect(request, SHORT_TYPES.get(path.substring(path.lastIndexOf('/') + 1)));
	}

	@GetMapping(path = "/v1/projects/{writeKey}/settings", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "analytics.js settings for a write key")
	ResponseEntity<?> settings(@PathVariable String writeKey, HttpServletRequest request) {
		if (channels.byWriteKey(writeKey).isEmpty()) {
			return problem(ProblemType.UNAUTHENTICATED, "Unknown or disabled write key");
		}
		String host = request.getServerName() + (request.getServerPort() == 80 || request.getServerPort() == 443 ? ""
				: ":" + request.getServerPort());
		return ResponseEntity.ok(Map.of("integrations",
				Map.of("Segment.io",
						Map.of("apiKey", writeKey, "apiHost", host + "/v1", "protocol", request.getScheme())),
				"plan", Map.of("track", Map.of("__default", Map.of("enabled", true))), "enabledMiddleware", Map.of(),
				"metrics", Map.of("sampleRate", 0)));
	}

	private ResponseEntity<?> collect(HttpServletRequest request, @Nullable String type) {
		if (backlog.isOverloaded()) {
			return tooMany("Identity resolution is catching up; retry shortly");
		}
		boolean admitted;
		try {
			admitted = inFlight.tryAcquire(250, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		if (!admitted) {
			return tooMany("Too many collection requests at once; retry shortly");
		}
		try {
			RequestReader.Parsed parsed = reader.read(request, type == null);
			Optional<ChannelId> channel = writeKey(request, parsed.envelope().writeKey()).flatMap(channels::byWriteKey);
			if (channel.isEmpty()) {
				return problem(ProblemType.UNAUTHENTICATED, "Unknown or disabled write key");
			}
			Collector.Result result = collector.collect(channel.get().value(), parsed.envelope(), type);
			return ResponseEntity
				.ok(Map.of("success", true, "accepted", result.accepted(), "dropped", result.dropped()));
		}
		catch (Refused refused) {
			return problem(refused.type(), refused.getMessage());
		}
		finally {
			inFlight.release();
		}
	}

	static Optional<String> writeKey(HttpServletRequest request, @Nullable String fromBody) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				String key = colon < 0 ? decoded : decoded.substring(0, colon);
				if (!key.isEmpty()) {
					return Optional.of(key);
				}
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		return Optional.ofNullable(fromBody).filter(key -> !key.isEmpty());
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemType type, String detail) {
		return ResponseEntity.status(type.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(type, detail));
	}

	private static ResponseEntity<ProblemDetail> tooMany(String detail) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header("Retry-After", "1")
			.header("X-RateLimit-Reset", "1")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(ProblemType.RATE_LIMITED, detail));
	}

}
