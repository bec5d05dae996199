package io.omnis.customer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import io.omnis.CollectingOmnis;
import io.omnis.Http;
import io.omnis.Poll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolution runs in the background, so a profile lags its messages a little; here only
 * that the lag is bounded (measuring it is the benchmark suite's job).
 */
class ResolutionLagTests extends CollectingOmnis {

	@Test
	void aProfileReflectsAnAcceptedMessageWithinTenSeconds() {
		Source app = source("App");
		String user = unique("quick");
		ObjectNode message = identify(user, null);
		message.putObject("traits").put("plan", "gold");

		send(app, message);

		Http.Reply found = Poll.until(RESOLUTION, () -> lookup(app, "user_id:" + user),
				reply -> reply.status() == 200 && "gold".equals(reply.json().at("/traits/plan").asString(null)));
		assertThat(found.json().get("eventCounts").get("identify").intValue()).isEqualTo(1);
	}

}
