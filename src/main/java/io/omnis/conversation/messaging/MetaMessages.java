package io.omnis.conversation.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Meta's Send API for Messenger and Instagram: {@code POST
 * {baseUrl}/v21.0/me/messages?access_token={page token}} with the recipient's page-scoped
 * id, as a response to her message.
 */
@Component
class MetaMessages implements MessagingProvider {

	static final String VERSION = "v21.0";

	private final HttpClient http;

	private final JsonMapper json;

	private final MessagingProperties properties;

	MetaMessages(JsonMapper json, MessagingProperties properties) {
		this.json = json;
		this.properties = properties;
		this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
	}

	@Override
	public Provider kind() {
		return Provider.META;
	}

	@Override
	public Sent send(MessagingSettings settings, String to, String text, @Nullable String statusCallback) {
		ObjectNode body = json.createObjectNode();
		body.putObject("recipient").put("id", to);
		body.put("messaging_type", "RESPONSE");
		body.putObject("message").put("text", text);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(Webhook.strip(settings.baseUrl()) + "/" + VERSION + "/me/messages?access_token="
					+ URLEncoder.encode(String.valueOf(settings.pageToken()), StandardCharsets.UTF_8)))
			.timeout(properties.timeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ProviderRefusal("The Graph API could not be reached: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderRefusal("Interrupted while calling the Graph API");
		}
		JsonNode answer;
		try {
			answer = json.readTree(response.body());
		}
		catch (RuntimeException ex) {
			answer = json.createObjectNode();
		}
		if (response.statusCode() / 100 != 2) {
			JsonNode error = answer.path("error");
			throw new ProviderRefusal("The Graph API answered " + response.statusCode()
					+ (error.has("code") ? " (error " + error.path("code").asString() + ")" : "") + ": "
					+ TwilioMessages.abbreviate(error.path("message").asString(response.body())));
		}
		String id = answer.path("message_id").asString("");
		if (id.isBlank()) {
			throw new ProviderRefusal("The Graph API's answer named no message id");
		}
		return new Sent(id, "SENT");
	}

}
