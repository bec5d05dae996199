package io.omnis.conversation.messaging;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Fetches one file a message linked to: http or https only, never from an internal
 * address (checked again at every redirect, at most three), no larger than the attachment
 * limit (by its announced length, then by what arrives), within one deadline for the
 * whole exchange. Credentials go only to the provider's own host.
 * <p>
 * Limit: the host is resolved to check it and again by the HTTP client to connect, so a
 * DNS answer changed in between (rebinding) is not caught; a proxy that enforces the same
 * rule is the complete answer.
 */
final class MediaFetcher {

	private static final int MAX_REDIRECTS = 3;

	private final HttpClient http;

	private final long maxBytes;

	private final Duration timeout;

	private final boolean allowPrivate;

	MediaFetcher(long maxBytes, Duration timeout, boolean allowPrivate) {
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
		this.maxBytes = maxBytes;
		this.timeout = timeout;
		this.allowPrivate = allowPrivate;
	}

	/** A file as it arrived. */
	record Fetched(byte[] content, String contentType, URI from) {
	}

	/** Why a file was not fetched; {@code retry} when trying later may work. */
	static final class Refused extends Exception {

		final boolean retry;

		Refused(String reason, boolean retry) {
			super(reason, null, false, false);
			this.retry = retry;
		}

	}

	/**
	 * @param authorization an Authorization header for {@code authority} (host and port)
	 * only, or null
	 */
	private Refused tooSlow() {
		return new Refused("took longer than " + timeout.toSeconds() + " s", true);
	}

	Fetched fetch(String url, @Nullable String authorization, @Nullable String authority) throws Refused {
		long deadline = System.nanoTime() + timeout.toNanos();
		URI uri = checked(url);
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "*/*").GET();
			if (authorization != null && String.valueOf(uri.getRawAuthority()).equalsIgnoreCase(authority)) {
				request.header("Authorization", authorization);
			}
			CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request.build(), info -> {
				long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
				return info.statusCode() == 200 && length <= maxBytes ? new Capped(maxBytes) : Capped.refusing();
			});
			HttpResponse<byte[]> response;
			try {
				response = sent.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				sent.cancel(true);
				throw tooSlow();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new Refused("interrupted", true);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof TooLarge) {
					throw tooLarge();
				}
				// The request's own timeout can fire just before the deadline: the
				// same reason either way
				if (ex.getCause() instanceof java.net.http.HttpTimeoutException) {
					throw tooSlow();
				}
				throw new Refused("could not be fetched (" + ex.getCause().getClass().getSimpleName() + ")", true);
			}
			int status = response.statusCode();
			if (status >= 300 && status < 400 && status != 304) {
				String location = response.headers().firstValue("Location").orElse(null);
				if (location == null) {
					throw new Refused("redirect without a Location", false);
				}
				uri = checked(uri.resolve(location.strip()).toString());
				// Credentials stay with the provider's host
				continue;
			}
			if (status != 200) {
				throw new Refused("answered HTTP " + status, status >= 500 || status == 429 || status == 408);
			}
			if (response.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
				throw tooLarge();
			}
			String type = response.headers()
				.firstValue("Content-Type")
				.map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT))
				.filter(t -> !t.isEmpty())
				.orElse("application/octet-stream");
			return new Fetched(response.body(), type, uri);
		}
		throw new Refused("more than " + MAX_REDIRECTS + " redirects", false);
	}

	private Refused tooLarge() {
		return new Refused("is larger than " + maxBytes + " bytes", false);
	}

	/** An http(s) URL to a public address (unless private ones are allowed). */
	URI checked(String url) throws Refused {
		URI uri;
		try {
			uri = url.length() > 2000 ? null : new URI(url);
		}
		catch (java.net.URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getScheme() == null
				|| !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
			throw new Refused("is not an http(s) URL", false);
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			throw new Refused("names an unknown host", true);
		}
		if (!allowPrivate) {
			for (InetAddress address : addresses) {
				if (!PublicAddresses.isPublic(address)) {
					throw new Refused("points to an internal address (" + address.getHostAddress() + ")", false);
				}
			}
		}
		return uri;
	}

	private static final class TooLarge extends RuntimeException {

		TooLarge() {
			super(null, null, false, false);
		}

	}

	/** Collects at most {@code max} bytes; more fails the download at once. */
	private static final class Capped implements BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private final long max;

		private Flow.@Nullable Subscription subscription;

		Capped(long max) {
			this.max = max;
		}

		/** Reads nothing: the answer is refused on its status or announced length. */
		static Capped refusing() {
			return new Capped(-1);
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (max < 0) {
				subscription.cancel();
				result.complete(new byte[0]);
				return;
			}
			subscription.request(1);
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			Flow.Subscription current = subscription;
			for (ByteBuffer item : items) {
				if (out.size() + (long) item.remaining() > max) {
					if (current != null) {
						current.cancel();
					}
					result.completeExceptionally(new TooLarge());
					return;
				}
				byte[] chunk = new byte[item.remaining()];
				item.get(chunk);
				out.writeBytes(chunk);
			}
			if (current != null) {
				current.request(1);
			}
		}

		@Override
		public void onError(Throwable error) {
			result.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			result.complete(out.toByteArray());
		}

	}

}
