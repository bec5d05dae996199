package io.omnis.tracking.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.omnis.Caller;
import io.omnis.Http;
import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collection pages show each source's rate: what it sent a second over the last
 * complete minutes, its last hour per minute, and its day, counted across nodes in the
 * database.
 */
class CollectionPagesTests extends RunningOmnis {

	@Test
	void aSourcesPageShowsItsLastHourPerMinuteAndItsCurrentRate() throws InterruptedException {
		Channels.Created created = channels.create(ChannelType.WEB, unique("Rate web shop"), null, Set.of());
		String channel = created.channel().id().value();
		// Far enough from the end of a minute for the page to be read in the same one
		long second = Instant.now().getEpochSecond() % 60;
		if (second >= 40) {
			Thread.sleep((61 - second) * 1000);
		}
		// What another node counted over the last complete minutes, and before the hour
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		addMinute(channel, minute.minus(Duration.ofMinutes(1)), 600, 6);
		addMinute(channel, minute.minus(Duration.ofMinutes(CollectionPages.RATE_MINUTES)), 900, 0);
		addMinute(channel, minute.minus(Duration.ofMinutes(CollectionPages.RATE_MINUTES + 1)), 50, 0);
		addMinute(channel, minute.minus(Duration.ofMinutes(90)), 7_000, 70);
		// And what this node takes now: three accepted, one dropped (no identity)
		Http.Reply reply = Http.post(URI.create("http://127.0.0.1:" + port + "/v1/batch"), """
				{"batch":[{"type":"track","event":"Viewed","userId":"rate-1"},
				          {"type":"track","event":"Viewed","userId":"rate-2"},
				          {"type":"page","anonymousId":"rate-3"},
				          {"type":"track","event":"Viewed"}]}""", "Content-Type", "application/json", "Authorization",
				"Basic " + Base64.getEncoder()
					.encodeToString((writeKeyOf(created) + ":").getBytes(StandardCharsets.UTF_8)));
		assertThat(reply.status()).isEqualTo(200);
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));

		// The node adds its counts to the minute every few seconds
		Document page = Poll.until(Duration.ofSeconds(15),
				() -> Jsoup.parse(admin.get("/console/collection/" + channel).text()),
				document -> document.select("#last-hour .tile-value").text().startsWith("1553 "));

		assertThat(page.select("#last-hour .tile-note").text()).isEqualTo("7 dropped");
		// 600 + 900 in the five complete minutes before this one: 1,500 / 300 s
		assertThat(page.select("#rate-now .tile-value").text()).isEqualTo("5.0 a second");
		String chart = page.select("#minute-chart").attr("data-chart");
		assertThat(chart).contains("\"" + hhmm(minute.minus(Duration.ofMinutes(1))) + "\"")
			.contains("\"" + hhmm(minute.minus(Duration.ofMinutes(59))) + "\"")
			.doesNotContain("\"" + hhmm(minute.minus(Duration.ofMinutes(60))) + "\"")
			.contains("600")
			.doesNotContain("7000");

		Document sources = Jsoup.parse(admin.get("/console/collection").text());
		Element row = sources.select("#sources tr:has(a[href=/console/collection/" + channel + "])").first();
		assertThat(row).isNotNull();
		assertThat(row.select("td").eachText()).containsExactly(created.channel().name(), "WEB", "5.0", "3", "1");
	}

	private void addMinute(String channel, Instant minute, long accepted, long dropped) {
		jdbc.sql("insert into collection_rate (channel_id, minute, accepted, dropped) values (?, ?, ?, ?)")
			.params(channel, java.sql.Timestamp.from(minute), accepted, dropped)
			.update();
	}

	private static String hhmm(Instant minute) {
		return minute.toString().substring(11, 16);
	}

}
