package io.omnis.console.web;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page counts every channel of the organisation, however many, and lists only
 * the newest, with a way to all of them.
 */
class ConsoleHomeTests extends RunningOmnis {

	@Test
	void theHomePageCountsEveryChannelAndListsTheNewest() {
		// More channels than the page lists, one of them disabled
		ChannelId last = null;
		for (int i = 0; i < ConsolePages.NEWEST + 2; i++) {
			last = channels.create(ChannelType.KIOSK, unique("Home kiosk " + i), null, Set.of()).channel().id();
		}
		channels.disable(last);
		ChannelId newest = channels.create(ChannelType.SMS, unique("Home SMS"), null, Set.of()).channel().id();
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));

		Document home = Jsoup.parse(admin.get("/console").text());

		Map<String, Long> byType = jdbc.sql("select type, count(*) from channel group by type")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		long total = byType.values().stream().mapToLong(Long::longValue).sum();
		long active = jdbc.sql("select count(*) from channel where status = 'ACTIVE'").query(Long.class).single();
		assertThat(total).isGreaterThan(ConsolePages.NEWEST);
		assertThat(home.select("#channel-count").text()).isEqualTo(total + " in all");
		assertThat(home.select(".tile-value").text()).contains(active + " active");
		assertThat(home.select("#channels-by-type li").eachText()).containsExactlyInAnyOrderElementsOf(
				byType.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
		assertThat(home.select("#home-channels tbody tr")).hasSize(ConsolePages.NEWEST);
		assertThat(home.select("#home-channels tbody tr").first().select("a").attr("href"))
			.isEqualTo("/console/channels/" + newest.value());
		assertThat(home.select("#all-channels").attr("href")).isEqualTo("/console/channels");
		assertThat(home.select("#all-channels").text()).isEqualTo("All " + total + " channels →");
	}

	@Test
	void aChannelsPageSaysWhenEachSecretKeyWasLastUsedAndLinksItsEvents() {
		Channels.Created created = channels.create(ChannelType.WEB, unique("Keys used"), null, Set.of());
		String id = created.channel().id().value();
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));
		Document before = Jsoup.parse(admin.get("/console/channels/" + id).text());
		assertThat(before.select("#keys tbody tr:contains(SECRET) td").get(5).text()).isEqualTo("never");

		bearer(secretOf(created)).get("/api/v1/channels/" + id);

		Document after = Jsoup.parse(admin.get("/console/channels/" + id).text());
		assertThat(after.select("#keys tbody tr:contains(SECRET) td").get(5).text())
			.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
		assertThat(after.select("#keys tbody tr:contains(WRITE) td").get(5).select("a").attr("href"))
			.isEqualTo("/console/collection/" + id);
	}

}
