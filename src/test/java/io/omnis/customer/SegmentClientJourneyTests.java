package io.omnis.customer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.CollectingOmnis;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The official Segment Java client, unchanged and only pointed at Omnis, carries one
 * customer's journey across three channels into one profile.
 */
class SegmentClientJourneyTests extends CollectingOmnis {

	@Test
	void aJourneyAcrossTheWebShopTheAppAndAStoreTillBecomesOneProfile() throws Exception {
		Source web = source(ChannelType.WEB, "Web shop");
		Source app = source(ChannelType.MOBILE_APP, "App");
		Source store = source(ChannelType.STORE, "Store till");
		String userId = unique("user");
		String webAnonymous = unique("web-anon");
		String appAnonymous = unique("app-anon");
		String email = unique("ana") + "@example.com";
		String card = unique("card");
		Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
		List<String> sent = new ArrayList<>();

		try (SegmentClient client = new SegmentClient(web)) {
			client.send(sent, PageMessage.builder("Home").anonymousId(webAnonymous), start);
			client.send(sent,
					TrackMessage.builder("Product Viewed").anonymousId(webAnonymous).properties(Map.of("sku", "TEE-1")),
					start.plusSeconds(60));
		}
		try (SegmentClient client = new SegmentClient(app)) {
			client.send(sent,
					IdentifyMessage.builder().userId(userId).anonymousId(appAnonymous).traits(Map.of("email", email)),
					start.plusSeconds(120));
		}
		try (SegmentClient client = new SegmentClient(store)) {
			client.send(sent, TrackMessage.builder("Order Completed")
				.userId(userId)
				.properties(Map.of("total", 59.9, "currency", "EUR"))
				.context(Map.of("externalIds", List
					.of(Map.of("id", card, "type", "loyalty_card", "collection", "users", "encoding", "none")))),
					start.plusSeconds(180));
		}
		try (SegmentClient client = new SegmentClient(web)) {
			client.send(sent, IdentifyMessage.builder().userId(userId).anonymousId(webAnonymous),
					start.plusSeconds(240));
		}

		List<String> expected = List.of("user_id:" + userId, "anonymous_id:" + webAnonymous,
				"anonymous_id:" + appAnonymous, "email:" + email, "loyalty_card:" + card);
		JsonNode profile = profileHolding(web, "user_id:" + userId,
				p -> identifiers(p).containsAll(expected) && p.path("channels").size() == 3);
		assertThat(identifiers(profile)).containsExactlyInAnyOrderElementsOf(expected);
		for (String identifier : expected) {
			assertThat(profileHolding(web, identifier).get("id").stringValue())
				.isEqualTo(profile.get("id").stringValue());
		}
		assertThat(profile.get("channels").findValuesAsString("channelId")).containsExactlyInAnyOrder(web.channelId(),
				app.channelId(), store.channelId());
		// Channel use, kept in the profile row through the merges: most recently used
		// first,
		// with each channel's count of events
		List<String> channelUse = new ArrayList<>();
		profile.get("channels")
			.forEach(use -> channelUse.add(use.get("channelId").stringValue() + "=" + use.get("events").asLong()));
		assertThat(channelUse).containsExactly(web.channelId() + "=3", store.channelId() + "=1",
				app.channelId() + "=1");

		JsonNode timeline = read(web, "/api/v1/profiles/" + profile.get("id").stringValue() + "/timeline");
		List<JsonNode> newestFirst = new ArrayList<>();
		timeline.get("data").forEach(newestFirst::add);
		List<JsonNode> entries = newestFirst.reversed();
		assertThat(entries).extracting(e -> e.get("messageId").stringValue()).containsExactlyElementsOf(sent);
		assertThat(entries).extracting(e -> e.get("channelId").stringValue())
			.containsExactly(web.channelId(), web.channelId(), app.channelId(), store.channelId(), web.channelId());
		for (int i = 0; i < entries.size(); i++) {
			Instant occurredAt = Instant.parse(entries.get(i).get("occurredAt").stringValue());
			assertThat(occurredAt).isCloseTo(start.plusSeconds(60L * i), within(5, ChronoUnit.SECONDS));
		}
	}

	/**
	 * One analytics-java client for one source, flushed and waited for after each message
	 * (the client's own flush does not block).
	 */
	private final class SegmentClient implements AutoCloseable {

		private final Phaser uploads = new Phaser(1);

		private final List<String> failures = new ArrayList<>();

		private final Analytics analytics;

		SegmentClient(Source source) {
			this.analytics = Analytics.builder(source.writeKey())
				.endpoint("http://127.0.0.1:" + port)
				.retries(1)
				.messageTransformer(builder -> {
					uploads.register();
					return true;
				})
				.callback(new Callback() {
					@Override
					public void success(Message message) {
						uploads.arriveAndDeregister();
					}

					@Override
					public void failure(Message message, Throwable cause) {
						synchronized (failures) {
							failures.add(message.messageId() + ": " + cause);
						}
						uploads.arriveAndDeregister();
					}
				})
				.build();
		}

		void send(List<String> sent, MessageBuilder<?, ?> message, Instant at) throws TimeoutException {
			String messageId = unique("segment");
			analytics.enqueue(message.messageId(messageId).timestamp(Date.from(at)));
			analytics.flush();
			try {
				uploads.awaitAdvanceInterruptibly(uploads.arrive(), 20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
			synchronized (failures) {
				assertThat(failures).isEmpty();
			}
			sent.add(messageId);
		}

		@Override
		public void close() {
			analytics.shutdown();
		}

	}

}
