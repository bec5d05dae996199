package io.omnis.customer;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.CollectingOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before a search, an agent sees the customers active last: ranked by when their latest
 * event happened, not by when it arrived, so that history sent late (an import, a till
 * that was offline) does not put its customers above those active today.
 */
class RecentlyActiveTests extends CollectingOmnis {

	@Autowired
	private Profiles profiles;

	@Test
	void customersRankByWhenTheirLatestEventHappenedNotByWhenItArrived() {
		Source web = source(unique("recent web"));
		String today = unique("active-today");
		String history = unique("sent-late");
		sendResolved(web, at(track("Product Viewed", today, null).put("messageId", unique("m")), Instant.now()));
		// Arrives after, happened a month before
		sendResolved(web, at(track("Product Viewed", history, null).put("messageId", unique("m")),
				Instant.now().minusSeconds(30L * 24 * 3600)));
		String todayId = profileHolding(web, "user_id:" + today).get("id").stringValue();
		String historyId = profileHolding(web, "user_id:" + history).get("id").stringValue();

		// As many as the window of the latest 2,000 resolved events can name, so that
		// earlier tests' customers cannot push either of hers out
		List<String> recent = profiles.recentlyActive(2_000).stream().map(Profile::id).toList();

		assertThat(recent).contains(todayId, historyId);
		assertThat(recent.indexOf(todayId)).isLessThan(recent.indexOf(historyId));
	}

}
