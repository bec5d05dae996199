package io.omnis.kernel.idempotency;

import java.io.IOException;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.PayloadTooLargeException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.problem.Problems;
import io.omnis.kernel.security.Actor;

/**
 * Makes every {@code POST} under {@code /api/} that carries an {@code Idempotency-Key}
 * happen at most once per caller.
 * <p>
 * The key is claimed and the request handled in one database transaction, so the claim
 * commits with what the request created, or not at all: a concurrent retry waits on the
 * claim and then replays the first answer; a failed first attempt (4xx, 5xx) leaves no
 * claim behind and may be retried. The same key with a different request is refused.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

	private final IdempotencyKeys keys;

	private final TransactionTemplate transactions;

	IdempotencyFilter(IdempotencyKeys keys, TransactionTemplate transactions) {
		this.keys = keys;
		this.transactions = transactions;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/")
				|| request.getHeader(HEADER) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (!VALID_KEY.matcher(key).matches()) {
			Problems.write(response,
					Problems.of(ProblemType.IDEMPOTENCY_KEY_INVALID,
							"The Idempotency-Key header must be 1 to 255 visible ASCII characters",
							List.of(new FieldError(HEADER, "must be 1 to 255 visible ASCII characters"))));
			return;
		}
		CachedBodyRequest cached;
		try {
			cached = new CachedBodyRequest(request);
		}
		catch (PayloadTooLargeException ex) {
			// A chunked body goes past the limit only here, where it is read up front
			Problems.write(response, Problems.of(ProblemType.PAYLOAD_TOO_LARGE, ex.getMessage()));
			return;
		}
		var scope = new IdempotencyKeys.Scope(Actor.current(), key);
		String fingerprint = IdempotencyKeys.fingerprint(request.getMethod(), request.getRequestURI(),
				request.getQueryString(), cached.body());
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);

		IdempotencyKeys.StoredResponse replay;
		try {
			replay = transactions.execute(status -> {
				if (!keys.claim(scope, fingerprint)) {
					return keys.find(scope).orElseThrow();
				}
				try {
					chain.doFilter(cached, buffered);
				}
				catch (IOException | ServletException ex) {
					throw new IllegalStateException(ex);
				}
				if (buffered.getStatus() >= 400) {
					// Nothing is kept, the key included: the client may retry
					status.setRollbackOnly();
				}
				else {
					keys.complete(scope, buffered.getStatus(), buffered.getContentType(),
							buffered.getHeader(HttpHeaders.LOCATION), buffered.getContentAsByteArray());
				}
				return null;
			});
		}
		catch (ProblemException refusedAtCommit) {
			// Work deferred to the commit (stock held last, ADR 0023) refused: everything
			// rolled back, the claim and the stored answer included; the answer buffered
			// is not sent
			response.reset();
			Problems.write(response, Problems.of(refusedAtCommit));
			return;
		}

		if (replay == null) {
			buffered.copyBodyToResponse(); // only now, after the commit
		}
		else if (!replay.fingerprint().equals(fingerprint)) {
			Problems.write(response,
					Problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
							"This Idempotency-Key was already used for a different request",
							List.of(new FieldError(HEADER, "was already used for a different request"))));
		}
		else {
			response.setStatus(replay.status());
			if (replay.contentType() != null) {
				response.setContentType(replay.contentType());
			}
			if (replay.location() != null) {
				response.setHeader(HttpHeaders.LOCATION, replay.location());
			}
			response.setHeader("Idempotent-Replayed", "true");
			StreamUtils.copy(replay.body(), response.getOutputStream());
		}
	}

}
