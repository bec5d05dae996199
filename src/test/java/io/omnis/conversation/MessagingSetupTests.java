package io.omnis.conversation;

import java.net.http.HttpRequest.BodyPublishers;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.channel.ChannelType;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Setting a channel's messaging provider: what is refused, who may, and that secrets are
 * never read back.
 */
class MessagingSetupTests extends ConversationFixtures {

	@Test
	void badSettingsAreRefusedNamingTheFieldAndSecretsAreNeverReadBack() {
		Caller manager = withScopes(Permission.CONVERSATIONS_MANAGE);
		String sms = channel(ChannelType.SMS).channel().id().value();
		String email = channel(ChannelType.EMAIL).channel().id().value();
		put(manager, sms, "{}").expectProblem(400, "invalid-field", "provider");
		put(manager, sms, "{\"provider\":\"TWILIO\",\"authToken\":\"t\",\"fromAddress\":\"+15550001000\"}")
			.expectProblem(400, "invalid-field", "accountSid");
		put(manager, sms,
				"{\"provider\":\"TWILIO\",\"accountSid\":\"AC1\",\"authToken\":\"t\",\"fromAddress\":\"555\"}")
			.expectProblem(400, "invalid-field", "fromAddress");
		put(manager, sms,
				"{\"provider\":\"TWILIO\",\"accountSid\":\"AC1\",\"authToken\":\"t\","
						+ "\"fromAddress\":\"+15550001000\",\"baseUrl\":\"file:///etc/passwd\"}")
			.expectProblem(400, "invalid-field", "baseUrl");
		put(manager, sms, "{\"provider\":\"META\",\"appSecret\":\"a\",\"verifyToken\":\"v\",\"pageToken\":\"p\"}")
			.expectProblem(400, "invalid-field", "provider");
		put(manager, email, "{\"provider\":\"TWILIO\",\"accountSid\":\"AC1\",\"authToken\":\"t\","
				+ "\"fromAddress\":\"+15550001000\"}")
			.expectProblem(400, "invalid-field", "channelId");
		put(manager, sms, "{\"provider\":\"PIGEON\"}").expectClientProblem();
		manager.get("/api/v1/conversations/channels/" + sms + "/messaging").expectProblem(404, "not-found");

		put(withScopes(Permission.CONVERSATIONS_WRITE), sms, "{\"provider\":\"TWILIO\",\"accountSid\":\"AC1\","
				+ "\"authToken\":\"t\",\"fromAddress\":\"+15550001000\"}")
			.expectProblem(403, "forbidden");

		String token = "a-very-secret-auth-token-1234";
		put(manager, sms, "{\"provider\":\"TWILIO\",\"accountSid\":\"AC1\",\"authToken\":\"" + token
				+ "\",\"fromAddress\":\"+15550001000\"}")
			.expect(200);
		JsonNode read = manager.get("/api/v1/conversations/channels/" + sms + "/messaging").expect(200);
		assertThat(read.path("baseUrl").asString()).isEqualTo("https://api.twilio.com");
		assertThat(read.path("webhook").asString()).isEqualTo("/hooks/twilio/" + sms);
		assertThat(read.path("authTokenHint").asString()).isEqualTo("…1234");
		assertThat(read.toString()).doesNotContain(token);
	}

	private static Answer put(Caller caller, String channelId, String json) {
		return caller.send("PUT", "/api/v1/conversations/channels/" + channelId + "/messaging",
				BodyPublishers.ofString(json), "Content-Type", "application/json");
	}

}
