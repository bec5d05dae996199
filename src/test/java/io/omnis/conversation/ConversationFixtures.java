package io.omnis.conversation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.IssuedKey;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the conversation tests share: channels with their keys, and a chat visitor.
 */
abstract class ConversationFixtures extends RunningOmnis {

	/** A new channel of a type with a secret key holding the given scopes. */
	protected Channels.Created channel(ChannelType type, Permission... scopes) {
		return channels.create(type, unique(type.name()), null, Set.of(scopes));
	}

	protected static String writeKeyOf(Channels.Created created) {
		return created.keys()
			.stream()
			.filter(issued -> issued.key().kind() == KeyKind.WRITE)
			.map(IssuedKey::secret)
			.findFirst()
			.orElseThrow();
	}

	/** A caller with a secret key of a new EMAIL channel that may post inbound mail. */
	protected Caller mailWebhook() {
		return bearer(secretOf(channel(ChannelType.EMAIL, Permission.CONVERSATIONS_WRITE)));
	}

	protected Answer postMail(Caller caller, String mime) {
		return caller.send("POST", "/api/v1/conversations/inbound/email",
				java.net.http.HttpRequest.BodyPublishers.ofString(mime), "Content-Type", "message/rfc822");
	}

	protected static String mail(String from, String messageId, String subject, String extraHeaders, String body) {
		return "From: " + from + "\r\nTo: support@omnis.test\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
				+ "\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n" + extraHeaders
				+ "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
	}

	protected static String basic(String writeKey) {
		return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
	}

	/** A browser chatting through a channel's widget. */
	protected final class Visitor {

		final String writeKey;

		final String anonymousId;

		String token;

		Visitor(String writeKey, String anonymousId) {
			this.writeKey = writeKey;
			this.anonymousId = anonymousId;
		}

		JsonNode say(String text) {
			return say(text, null);
		}

		JsonNode say(String text, String email) {
			Answer answer = send(text, email);
			JsonNode body = answer.expect(200);
			token = body.path("token").asString();
			return body;
		}

		Answer send(String text, String email) {
			StringBuilder json = new StringBuilder("{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"" + anonymousId
					+ "\",\"text\":" + Json.quote(text));
			if (email != null) {
				json.append(",\"email\":\"").append(email).append('"');
			}
			if (token != null) {
				json.append(",\"token\":\"").append(token).append('"');
			}
			json.append('}');
			return anonymous().send("POST", "/chat/v1/messages",
					java.net.http.HttpRequest.BodyPublishers.ofString(json.toString()), "Content-Type", "text/plain");
		}

	}

	/** JSON string literals. */
	static final class Json {

		private Json() {
		}

		static String quote(String text) {
			return io.omnis.Http.JSON.writeValueAsString(text);
		}

	}

	protected static void assertProblem(Answer answer, int status) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

}
