package io.omnis.conversation.assistant;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assistant in the web chat: answers from the knowledge base citing the article and
 * resolves when she is satisfied; hands over to people with the transcript when she asks
 * for one or when nothing answers; and is only switched on for chat channels.
 */
class AssistantTests extends RunningOmnis {

	/**
	 * A word of letters no other article holds (a UUID's letters ran short now and then).
	 */
	final String word = "zq" + java.util.concurrent.ThreadLocalRandom.current()
		.ints(8, 'a', 'z' + 1)
		.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);

	@Test
	void theAssistantAnswersFromTheKnowledgeBaseAndHandsOverWithTheTranscript() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE,
				Permission.CONVERSATIONS_MANAGE);
		admin
			.post("/api/v1/knowledge/articles",
					"""
							{"slug":"return-%1$s","locale":"en","title":"Returning a %1$s lamp","body":"<p>Send it back within 30 days.</p>",
							 "shortAnswer":"Return it within 30 days from your account page."}"""
						.formatted(word))
			.expect(201);
		Channels.Created web = channels.create(ChannelType.WEB, unique("Assisted"), null, Set.of());
		put(admin, "/api/v1/assistant/channels/" + web.channel().id().value(), "{\"locale\":\"en\"}").expect(200);

		// A question the knowledge base answers, then "thanks": resolved by the assistant
		// alone
		Chat satisfied = new Chat(writeKeyOf(web));
		String first = satisfied.say("How can I return my " + word + " lamp?");
		JsonNode answer = Poll.until(Duration.ofSeconds(20), () -> lastBy(admin, first, "ASSISTANT"),
				message -> message != null);
		assertThat(answer.path("body").asString()).contains("Return it within 30 days from your account page.")
			.contains("/help/en/return-" + word)
			.contains("Did this answer your question?");
		assertThat(admin.get("/api/v1/conversations/" + first).expect(200).path("assigneeId").isNull()).isTrue();
		satisfied.say("Yes, thanks!");
		Poll.until(Duration.ofSeconds(20),
				() -> admin.get("/api/v1/conversations/" + first).expect(200).path("status").asString(),
				"RESOLVED"::equals);
		assertThat(handedOver(first)).isFalse();

		// She asks for a person: handed over with the transcript, waiting for people
		Chat impatient = new Chat(writeKeyOf(web));
		String second = impatient.say("My " + word + " lamp flickers");
		Poll.until(Duration.ofSeconds(20), () -> lastBy(admin, second, "ASSISTANT"), message -> message != null);
		impatient.say("I want to talk to a human please");
		JsonNode note = Poll.until(Duration.ofSeconds(20), () -> lastNote(admin, second), n -> n != null);
		assertThat(note.path("body").asString()).contains("the customer asked for a person")
			.contains("Customer: My " + word + " lamp flickers")
			.contains("Customer: I want to talk to a human please");
		assertThat(handedOver(second)).isTrue();
		assertThat(lastBy(admin, second, "ASSISTANT").path("body").asString()).contains("passing you to a person");

		// Nothing answers: handed over at once
		Chat lost = new Chat(writeKeyOf(web));
		String third = lost.say("Blorfy quuxish wibblements?");
		JsonNode lostNote = Poll.until(Duration.ofSeconds(20), () -> lastNote(admin, third), n -> n != null);
		assertThat(lostNote.path("body").asString()).contains("no article answers the question");

		// A channel without the assistant: nobody answers for people
		Chat elsewhere = new Chat(writeKeyOf(channels.create(ChannelType.WEB, unique("Plain"), null, Set.of())));
		String fourth = elsewhere.say("How can I return my " + word + " lamp?");
		assertThat(jdbc.sql("select assistant_active from conversation where id = :id")
			.param("id", fourth)
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void theAssistantIsOnlySwitchedOnForExistingChatChannelsInAKnownLocale() {
		Caller admin = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		Channels.Created mail = channels.create(ChannelType.EMAIL, unique("Mail"), null, Set.of());
		Channels.Created web = channels.create(ChannelType.WEB, unique("Web"), null, Set.of());
		long before = jdbc.sql("select count(*) from assistant_channel").query(Long.class).single();
		put(admin, "/api/v1/assistant/channels/" + mail.channel().id().value(), "{\"locale\":\"en\"}")
			.expectProblem(400, "invalid-field", "channelId");
		put(admin, "/api/v1/assistant/channels/" + web.channel().id().value(), "{\"locale\":\"English\"}")
			.expectProblem(400, "invalid-field", "locale");
		put(admin, "/api/v1/assistant/channels/chn_unknown", "{\"locale\":\"en\"}").expectProblem(404, "not-found");
		put(withScopes(Permission.CONVERSATIONS_READ), "/api/v1/assistant/channels/" + web.channel().id().value(),
				"{\"locale\":\"en\"}")
			.expectProblem(403, "forbidden");
		assertThat(jdbc.sql("select count(*) from assistant_channel").query(Long.class).single()).isEqualTo(before);
	}

	private static io.omnis.Answer put(Caller caller, String path, String json) {
		return caller.send("PUT", path, java.net.http.HttpRequest.BodyPublishers.ofString(json), "Content-Type",
				"application/json");
	}

	private boolean handedOver(String conversation) {
		return jdbc.sql("select handed_over_at is not null from conversation where id = :id")
			.param("id", conversation)
			.query(Boolean.class)
			.single();
	}

	private static JsonNode lastBy(Caller caller, String conversation, String kind) {
		JsonNode found = null;
		for (JsonNode message : caller.get("/api/v1/conversations/" + conversation + "/messages?limit=200")
			.expect(200)
			.path("data")) {
			if (message.path("authorKind").asString().equals(kind) && !message.path("privateNote").asBoolean()) {
				found = message;
			}
		}
		return found;
	}

	private static JsonNode lastNote(Caller caller, String conversation) {
		JsonNode found = null;
		for (JsonNode message : caller.get("/api/v1/conversations/" + conversation + "/messages?limit=200")
			.expect(200)
			.path("data")) {
			if (message.path("privateNote").asBoolean()) {
				found = message;
			}
		}
		return found;
	}

	/** A visitor of the chat widget. */
	final class Chat {

		final String writeKey;

		final String anonymousId = "anon-" + UUID.randomUUID();

		String token;

		Chat(String writeKey) {
			this.writeKey = writeKey;
		}

		String say(String text) {
			String json = "{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"" + anonymousId + "\",\"text\":\""
					+ text + "\"" + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
			JsonNode answer = anonymous()
				.send("POST", "/chat/v1/messages", java.net.http.HttpRequest.BodyPublishers.ofString(json),
						"Content-Type", "text/plain")
				.expect(200);
			token = answer.path("token").asString();
			return answer.path("conversationId").asString();
		}

	}

}
