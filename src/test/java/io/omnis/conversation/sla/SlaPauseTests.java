package io.omnis.conversation.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Priority;
import io.omnis.conversation.SlaEvents.Target;
import io.omnis.conversation.Status;
import io.omnis.conversation.internal.ConversationStore;
import io.omnis.kernel.Ids;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resolution clock stops while the conversation waits for the customer (an agent
 * answered) and goes on when she writes, counted in business hours: cases computed by
 * hand on a Berlin office calendar (Monday to Friday 09:00-17:00, Christmas Day 2026, a
 * Friday, off) with an eight-hour resolution target warned one hour before.
 */
class SlaPauseTests extends RunningOmnis {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final String OFFICE = """
			{"name":"Berlin office","timeZone":"Europe/Berlin","weeklyHours":{
			 "MONDAY":[{"from":"09:00","to":"17:00"}],"TUESDAY":[{"from":"09:00","to":"17:00"}],
			 "WEDNESDAY":[{"from":"09:00","to":"17:00"}],"THURSDAY":[{"from":"09:00","to":"17:00"}],
			 "FRIDAY":[{"from":"09:00","to":"17:00"}]},"holidays":["2026-12-25"]}""";

	@Autowired
	SlaClocks clocks;

	@Autowired
	SlaWatch watch;

	@Autowired
	ConversationStore store;

	/**
	 * Opened Thursday 24 December 15:00; without a pause due Monday 28th 15:00 (two hours
	 * on Thursday, Friday a holiday, the weekend closed, six on Monday). Events run in
	 * the order given: P an agent's answer, R her message.
	 */
	@ParameterizedTest(name = "{0}: due {1}")
	@CsvSource(delimiter = ';', value = {
			// no pause
			"; 2026-12-28T15:00; 2026-12-28T14:00; RUNNING",
			// 1 h used Thursday, paused 16:00-17:00 Thursday and 09:00-10:00 Monday (2 h
			// of
			// business time over the holiday and the weekend): 7 h left from Monday 10:00
			"P 2026-12-24T16:00 R 2026-12-28T10:00; 2026-12-28T17:00; 2026-12-28T16:00; RUNNING",
			// paused 16:30 Thursday to Saturday 11:00: only 30 business minutes
			"P 2026-12-24T16:30 R 2026-12-26T11:00; 2026-12-28T15:30; 2026-12-28T14:30; RUNNING",
			// two pauses: 30 min on Thursday, then Monday 10:00 to Tuesday 09:30 (7 h
			// 30):
			// 8 h added, due Tuesday 15:00
			"P 2026-12-24T15:30 R 2026-12-24T16:00 P 2026-12-28T10:00 R 2026-12-29T09:30; 2026-12-29T15:00; 2026-12-29T14:00; RUNNING",
			// her message told before the answer that came earlier: that pause is over
			// already, nothing moves
			"R 2026-12-28T10:00 P 2026-12-24T16:00; 2026-12-28T15:00; 2026-12-28T14:00; RUNNING",
			// a message older than the pause does not end it
			"P 2026-12-24T16:00 R 2026-12-24T15:30; 2026-12-28T15:00; 2026-12-28T14:00; PAUSED",
			// a second answer while waiting changes nothing
			"P 2026-12-24T16:00 P 2026-12-28T09:30 R 2026-12-28T10:00; 2026-12-28T17:00; 2026-12-28T16:00; RUNNING" })
	void theResolutionClockStopsWhileWaitingForTheCustomerInBusinessTime(String events, String due, String warn,
			String state) {
		Conversation conversation = conversation(policyTeam());
		clocks.opened(conversation, berlin("2026-12-24T15:00"));
		String[] steps = events == null ? new String[0] : events.strip().split(" ");
		for (int i = 0; i < steps.length; i += 2) {
			Instant at = berlin(steps[i + 1]);
			if (steps[i].equals("P")) {
				clocks.agentAnswered(conversation.id(), at);
			}
			else {
				clocks.customerWrote(conversation, at);
			}
		}
		SlaClocks.Clock resolution = resolution(conversation.id());
		assertThat(resolution.dueAt()).isEqualTo(berlin(due));
		assertThat(resolution.warnAt()).isEqualTo(berlin(warn));
		assertThat(resolution.state()).isEqualTo(state);
	}

	@Test
	void aPausedClockIsNeitherWarnedNorBreachedAndResolvingItWhilePausedMeetsIt() {
		Conversation conversation = conversation(policyTeam());
		clocks.opened(conversation, berlin("2026-12-24T15:00"));
		clocks.agentAnswered(conversation.id(), berlin("2026-12-24T16:00"));
		// Past the due time the clock had before the pause
		watch.check(berlin("2026-12-28T15:30"));
		SlaClocks.Clock paused = resolution(conversation.id());
		assertThat(paused.state()).isEqualTo("PAUSED");
		assertThat(paused.warnedAt()).isNull();

		clocks.resolved(conversation.id(), berlin("2026-12-29T12:00"));
		SlaClocks.Clock met = resolution(conversation.id());
		assertThat(met.state()).isEqualTo("MET");
		assertThat(met.breachedAt()).isNull();
	}

	@Test
	void aNewPolicyCountsTheClockAgainKeepingItsPauses() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		String team = policyTeam();
		Conversation conversation = conversation(team);
		clocks.opened(conversation, berlin("2026-12-24T15:00"));
		clocks.agentAnswered(conversation.id(), berlin("2026-12-24T16:00"));
		clocks.customerWrote(conversation, berlin("2026-12-28T10:00"));
		String calendar = admin.post("/api/v1/sla/calendars", OFFICE).expect(201).path("id").asString();
		admin.post("/api/v1/sla/policies", """
				{"name":"Urgent","team":"%s","priority":"URGENT","calendarId":"%s","firstResponseMinutes":30,
				 "resolutionMinutes":240,"warnBeforeMinutes":0}""".formatted(team, calendar)).expect(201);
		Conversation urgent = new Conversation(conversation.id(), conversation.profileId(), conversation.status(),
				Priority.URGENT, null, team, conversation.medium(), conversation.lastInboundChannelId(), null,
				conversation.createdAt(), conversation.updatedAt(), conversation.lastMessageAt(), null, null, null);
		clocks.reprioritised(urgent);
		// 4 h + the 2 h of the pause from Thursday 15:00: Thursday 2 h, Monday 4 h
		assertThat(resolution(conversation.id()).dueAt()).isEqualTo(berlin("2026-12-28T13:00"));
	}

	/** Over HTTP on a round-the-clock calendar: the pause adds exactly its length. */
	@Test
	void anAgentsAnswerPausesTheClockAndHerReplyResumesItLaterByThePause() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE,
				Permission.CONVERSATIONS_MANAGE);
		String team = "pause-" + UUID.randomUUID().toString().substring(0, 8);
		String calendar = admin.post("/api/v1/sla/calendars", SlaTests.ROUND_THE_CLOCK)
			.expect(201)
			.path("id")
			.asString();
		admin.post("/api/v1/sla/policies", """
				{"name":"Pause","team":"%s","priority":"HIGH","calendarId":"%s","firstResponseMinutes":30,
				 "resolutionMinutes":240,"warnBeforeMinutes":10}""".formatted(team, calendar)).expect(201);
		Channels.Created web = channels.create(ChannelType.WEB, unique("Web"), null, java.util.Set.of());
		String writeKey = writeKeyOf(web);
		String anonymousId = "anon-" + UUID.randomUUID();
		JsonNode first = say(writeKey, anonymousId, null, "Where is my refund?");
		String id = first.path("conversationId").asString();
		String token = first.path("token").asString();
		JsonNode updated = admin
			.patch("/api/v1/conversations/" + id, "{\"team\":\"" + team + "\",\"priority\":\"HIGH\"}")
			.expect(200);
		Instant created = Instant.parse(updated.path("createdAt").asString());
		Poll.until(Duration.ofSeconds(20), () -> state(admin, id), "RUNNING"::equals);

		JsonNode answer = admin.post("/api/v1/conversations/" + id + "/messages", "{\"body\":\"Checking\"}")
			.expect(201);
		Instant answeredAt = Instant.parse(answer.path("createdAt").asString());
		Poll.until(Duration.ofSeconds(20), () -> state(admin, id), "PAUSED"::equals);
		watch.check(created.plus(Duration.ofMinutes(241)));
		assertThat(state(admin, id)).isEqualTo("PAUSED");

		say(writeKey, anonymousId, token, "Thanks");
		// As stored (PostgreSQL keeps microseconds)
		Instant repliedAt = null;
		for (JsonNode message : admin.get("/api/v1/conversations/" + id + "/messages").expect(200).path("data")) {
			if (message.path("body").asString().equals("Thanks")) {
				repliedAt = Instant.parse(message.path("createdAt").asString());
			}
		}
		assertThat(repliedAt).isNotNull();
		Poll.until(Duration.ofSeconds(20), () -> state(admin, id), "RUNNING"::equals);
		JsonNode clock = resolutionView(admin, id);
		assertThat(Instant.parse(clock.path("dueAt").asString()))
			.isEqualTo(created.plus(Duration.ofMinutes(240)).plus(Duration.between(answeredAt, repliedAt)));
		assertThat(clock.path("pausedAt").isNull()).isTrue();
	}

	private JsonNode say(String writeKey, String anonymousId, String token, String text) {
		String json = "{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"" + anonymousId + "\",\"text\":\"" + text
				+ "\"" + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
		return anonymous()
			.send("POST", "/chat/v1/messages", java.net.http.HttpRequest.BodyPublishers.ofString(json), "Content-Type",
					"text/plain")
			.expect(200);
	}

	private static JsonNode resolutionView(Caller caller, String conversation) {
		for (JsonNode clock : caller.get("/api/v1/conversations/" + conversation + "/sla").expect(200).path("data")) {
			if (clock.path("target").asString().equals("RESOLUTION")) {
				return clock;
			}
		}
		return tools.jackson.databind.node.MissingNode.getInstance();
	}

	private static String state(Caller caller, String conversation) {
		return resolutionView(caller, conversation).path("state").asString("NONE");
	}

	/** A team with the office policy: 8 h to resolve, warned 1 h before. */
	private String policyTeam() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		String team = "office-" + UUID.randomUUID().toString().substring(0, 8);
		String calendar = admin.post("/api/v1/sla/calendars", OFFICE).expect(201).path("id").asString();
		admin.post("/api/v1/sla/policies", """
				{"name":"Office","team":"%s","priority":"HIGH","calendarId":"%s","firstResponseMinutes":60,
				 "resolutionMinutes":480,"warnBeforeMinutes":60}""".formatted(team, calendar)).expect(201);
		return team;
	}

	/**
	 * A conversation row of its own, written without events so that only the test moves
	 * its clocks.
	 */
	private Conversation conversation(String team) {
		Instant at = berlin("2026-12-24T15:00");
		Conversation conversation = new Conversation(new ConversationId(Ids.next(ConversationId.PREFIX)),
				Ids.next("pro"), Status.OPEN, Priority.HIGH, null, team, ChannelType.CHAT, "chn_pause", null, at, at,
				at, null, null, null);
		assertThat(store.insertIfNoneOpen(conversation, conversation.id().value())).isTrue();
		return conversation;
	}

	private SlaClocks.Clock resolution(ConversationId id) {
		return clocks.clocks(id).stream().filter(c -> c.target() == Target.RESOLUTION).findFirst().orElseThrow();
	}

	private static Instant berlin(String local) {
		return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
	}

}
