package io.omnis;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * A request body of unknown length, which the HTTP client sends chunked, as a stream
 * would be.
 */
public final class ChunkedBody {

	private static final int CHUNK = 64 * 1024;

	private ChunkedBody() {
	}

	public static BodyPublisher of(String body) {
		return of(body.getBytes(StandardCharsets.UTF_8));
	}

	public static BodyPublisher of(byte[] bytes) {
		return BodyPublishers.fromPublisher(new Flow.Publisher<>() {

			@Override
			public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
				SubmissionPublisher<ByteBuffer> publisher = new SubmissionPublisher<>();
				publisher.subscribe(subscriber);
				Thread.ofVirtual().start(() -> {
					for (int offset = 0; offset < bytes.length; offset += CHUNK) {
						publisher.submit(ByteBuffer.wrap(bytes, offset, Math.min(CHUNK, bytes.length - offset)));
					}
					publisher.close();
				});
			}
		});
	}

}
