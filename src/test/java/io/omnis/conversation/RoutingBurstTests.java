package io.omnis.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many customers write at once to a team of agents with different capacities: nobody gets
 * more than her capacity, nobody away or offline gets anything, the load is spread
 * evenly, an agent going offline hands her work on, and a reopened conversation goes to
 * someone available.
 */
class RoutingBurstTests extends ConversationFixtures {

	@Autowired
	Staff staff;

	@Autowired
	Agents agents;

	@Autowired
	Conversations conversations;

	@BeforeEach
	void nothingElseInProgress() {
		// The database is shared with the other test classes: start from an empty queue
		// and no one online
		jdbc.sql("update conversation set status = 'RESOLVED', resolved_at = now() where status <> 'RESOLVED'")
			.update();
		// in staff order, as routing locks agents, so that the two never deadlock
		jdbc.sql("""
				update agent set presence = 'OFFLINE'
				 where staff_id in (select staff_id from agent order by staff_id for update)""").update();
	}

	@Test
	void aBurstOfConversationsNeverExceedsACapacityNorReachesAnAgentWhoIsNotOnline() throws Exception {
		String ana = agent("ana", Map.of(ChannelType.CHAT, 2, ChannelType.EMAIL, 1));
		String ben = agent("ben", Map.of(ChannelType.CHAT, 3, ChannelType.EMAIL, 1));
		String carla = agent("carla", Map.of(ChannelType.CHAT, 4, ChannelType.EMAIL, 0));
		String away = agent("dora", Map.of(ChannelType.CHAT, 10));
		String offline = agent("eva", Map.of(ChannelType.CHAT, 10));
		for (String online : List.of(ana, ben, carla)) {
			agents.presence(online, Presence.ONLINE);
		}
		agents.presence(away, Presence.AWAY);

		String writeKey = writeKeyOf(channel(ChannelType.WEB));
		var webhook = mailWebhook();
		List<Callable<Integer>> burst = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			burst.add(() -> new Visitor(writeKey, "burst-" + UUID.randomUUID()).send("Help!", null).status());
		}
		for (int i = 0; i < 6; i++) {
			burst.add(() -> postMail(webhook, mail("burst-" + UUID.randomUUID() + "@example.com",
					"<" + UUID.randomUUID() + "@example.com>", "Help", "", "Help by mail"))
				.status());
		}
		try (ExecutorService threads = Executors.newFixedThreadPool(12)) {
			for (Future<Integer> answer : threads.invokeAll(burst)) {
				assertThat(answer.get()).isIn(200, 201);
			}
		}

		// 9 chats and 2 e-mails fit; the rest waits in the queue
		Poll.untilAsserted(Duration.ofSeconds(30), () -> assertThat(assigned()).isEqualTo(11));
		Thread.sleep(500);
		assertThat(assigned()).isEqualTo(11);
		assertThat(waiting()).isEqualTo(19);
		assertLoad(ana, 2, 1);
		assertLoad(ben, 3, 1);
		assertLoad(carla, 4, 0);
		assertLoad(away, 0, 0);
		assertLoad(offline, 0, 0);

		// Ben leaves: his work goes to whoever has room, and never back to him
		agents.capacity(ana, Map.of(ChannelType.CHAT, 6, ChannelType.EMAIL, 2));
		agents.presence(ben, Presence.OFFLINE);
		Poll.untilAsserted(Duration.ofSeconds(30), () -> {
			assertLoad(ben, 0, 0);
			assertLoad(ana, 6, 2);
			assertLoad(carla, 4, 0);
		});
		assertThat(jdbc.sql("""
				select count(*) from conversation where status <> 'RESOLVED'
				   and assignee_id in (select staff_id from agent where presence <> 'ONLINE')""")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void newWorkGoesToTheLeastLoadedAgentAndTiesToTheOneIdleLongest() throws Exception {
		String fay = agent("fay", Map.of(ChannelType.CHAT, 10));
		String gil = agent("gil", Map.of(ChannelType.CHAT, 10));
		String hal = agent("hal", Map.of(ChannelType.CHAT, 10));
		for (String online : List.of(fay, gil, hal)) {
			agents.presence(online, Presence.ONLINE);
		}
		String writeKey = writeKeyOf(channel(ChannelType.WEB));
		List<Callable<Integer>> burst = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			burst.add(() -> new Visitor(writeKey, "even-" + UUID.randomUUID()).send("Hi", null).status());
		}
		try (ExecutorService threads = Executors.newFixedThreadPool(12)) {
			threads.invokeAll(burst);
		}
		Poll.untilAsserted(Duration.ofSeconds(30), () -> {
			assertLoad(fay, 4, 0);
			assertLoad(gil, 4, 0);
			assertLoad(hal, 4, 0);
		});

		// Fay resolves one and goes offline; when that customer writes again, her
		// conversation reopens with someone who is online
		Visitor returning = new Visitor(writeKey, "returning-" + UUID.randomUUID());
		String id = returning.say("One more question").path("conversationId").asString();
		Conversation first = Poll.until(Duration.ofSeconds(20), () -> conversations.get(id),
				c -> c.assigneeId() != null);
		String owner = first.assigneeId();
		conversations.resolve(id, Author.SYSTEM);
		agents.presence(owner, Presence.OFFLINE);
		assertThat(returning.say("Actually, another one").path("conversationId").asString()).isEqualTo(id);
		Conversation reopened = Poll.until(Duration.ofSeconds(20), () -> conversations.get(id),
				c -> c.assigneeId() != null);
		assertThat(reopened.status()).isEqualTo(Status.OPEN);
		assertThat(reopened.assigneeId()).isNotEqualTo(owner).isIn(fay, gil, hal);
	}

	private String agent(String name, Map<ChannelType, Integer> capacity) {
		String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(username, name, Role.AGENT, "agent-password-" + name);
		String id = agents.presenceOf(username, Presence.OFFLINE).staffId();
		agents.capacity(id, capacity);
		return id;
	}

	private void assertLoad(String agent, int chats, int emails) {
		Agent state = agents.get(agent);
		assertThat(state.load().getOrDefault(ChannelType.CHAT, 0)).as("chats of %s", state.displayName())
			.isEqualTo(chats);
		assertThat(state.load().getOrDefault(ChannelType.EMAIL, 0)).as("e-mails of %s", state.displayName())
			.isEqualTo(emails);
	}

	private int assigned() {
		return jdbc.sql("select count(*) from conversation where status <> 'RESOLVED' and assignee_id is not null")
			.query(Integer.class)
			.single();
	}

	private int waiting() {
		return jdbc.sql("select count(*) from conversation where status <> 'RESOLVED' and assignee_id is null")
			.query(Integer.class)
			.single();
	}

}
