package io.omnis.tracking;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.CollectingOmnis;
import io.omnis.Http;
import io.omnis.Poll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When identity resolution falls more than {@code omnis.tracking.max-resolution-lag}
 * behind, collection answers 429 with {@code Retry-After} and stores nothing, until
 * resolution catches up.
 */
class BackPressureTests extends CollectingOmnis {

	@Autowired
	private DataSource dataSource;

	@Test
	void collectionPushesBackWhileResolutionLagsAndAcceptsAgainOnceItCatchesUp() throws Exception {
		Source web = source(unique("back pressure"));
		try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
			// Hold every shard of the identity graph as resolution batches would, so that
			// nothing gets resolved
			statement.execute("select pg_advisory_lock(741823091, s) from generate_series(0, 63) s");
			try {
				send(web, track("Waiting", unique("lagging-user"), null).put("messageId", unique("m")));
				AtomicReference<String> lastAttempt = new AtomicReference<>();
				Http.Reply refused = Poll.until(Duration.ofSeconds(15), () -> {
					lastAttempt.set(unique("attempt"));
					return collect(web, "/v1/batch", "{\"batch\":["
							+ track("Refused", unique("u"), null).put("messageId", lastAttempt.get()) + "]}");
				}, reply -> reply.status() == 429);
				assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(refused.text()).contains("https://omnis.dev/problems/rate-limited");
				assertThat(jdbc.sql("select count(*) from tracked_event where message_id = :id")
					.param("id", lastAttempt.get())
					.query(Long.class)
					.single()).as("the refused message is not stored").isZero();
			}
			finally {
				statement.execute("select pg_advisory_unlock(741823091, s) from generate_series(0, 63) s");
			}
		}
		awaitResolved(web);
		Http.Reply accepted = Poll.until(Duration.ofSeconds(10),
				() -> collect(web, "/v1/batch",
						"{\"batch\":[" + track("Accepted", unique("u"), null).put("messageId", unique("m")) + "]}"),
				reply -> reply.status() == 200);
		assertThat(accepted.text()).contains("\"accepted\":1");
	}

}
