package io.omnis.kernel.web;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import io.omnis.kernel.problem.PayloadTooLargeException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.problem.Problems;

/**
 * Refuses API request bodies over the configured size with a 413 problem, before anything
 * reads them; bodies without a declared length are cut off while they are read. A few
 * paths that take bulk uploads (the catalog import) have a larger limit of their own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long limit;

	private final Map<String, Long> limitsByPath;

	RequestSizeLimitFilter(Limits limits) {
		this.limit = limits.maxBody().toBytes();
		this.limitsByPath = limits.maxBodyByPath()
			.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().toBytes()));
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitsByPath.getOrDefault(request.getRequestURI(), this.limit);
		if (request.getContentLengthLong() > limit) {
			Problems.write(response, Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
					"The request body is larger than the limit of " + limit + " bytes"));
			return;
		}
		chain.doFilter(new Bounded(request, limit), response);
	}

	/**
	 * The size limits of API requests: one for all, and larger ones for the exact paths
	 * named in {@code maxBodyByPath}.
	 */
	@ConfigurationProperties("omnis.api")
	record Limits(DataSize maxBody, Map<String, DataSize> maxBodyByPath) {

		Limits {
			if (maxBody == null) {
				maxBody = DataSize.ofMegabytes(1);
			}
			if (maxBodyByPath == null) {
				maxBodyByPath = Map.of();
			}
		}

	}

	private static final class Bounded extends HttpServletRequestWrapper {

		private final long limit;

		Bounded(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0) {
						count(1);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0) {
						count(n);
					}
					return n;
				}

				private void count(int n) throws PayloadTooLargeException {
					read += n;
					if (read > limit) {
						throw new PayloadTooLargeException(limit);
					}
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}

	}

}
