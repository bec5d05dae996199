package io.omnis.conversation.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Twilio's Messaging API: {@code POST
 * {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json} with basic authentication by
 * the account and its auth token.
 */
@Component
class TwilioMessages implements MessagingProvider {

	private final HttpClient http;

	private final JsonMapper json;

	private final MessagingProperties properties;

	TwilioMessages(JsonMapper json, MessagingProperties properties) {
		this.json = json;
		this.properties = properties;
		this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
	}

	@Override
	public Provider kind() {
		return Provider.TWILIO;
	}

	@Override
	public Sent send(MessagingSettings settings, String to, String text, @Nullable String statusCallback) {
		String account = String.valueOf(settings.accountSid());
		String from = String.valueOf(settings.fromAddress());
		if (to.startsWith("whatsapp:") && !from.startsWith("whatsapp:")) {
			from = "whatsapp:" + from;
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("To", to);
		form.put("From", from);
		form.put("Body", text);
		if (statusCallback != null) {
			form.put("StatusCallback", statusCallback);
		}
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		String credentials = Base64.getEncoder()
			.encodeToString((account + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(Webhook.strip(settings.baseUrl()) + "/2010-04-01/Accounts/"
					+ URLEncoder.encode(account, StandardCharsets.UTF_8) + "/Messages.json"))
			.timeout(properties.timeout())
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ProviderRefusal("Twilio could not be reached: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderRefusal("Interrupted while calling Twilio");
		}
		JsonNode answer = parse(response.body());
		if (response.statusCode() / 100 != 2) {
			throw new ProviderRefusal("Twilio answered " + response.statusCode()
					+ (answer.has("code") ? " (error " + answer.path("code").asString() + ")" : "") + ": "
					+ abbreviate(answer.path("message").asString(response.body())));
		}
		String sid = answer.path("sid").asString("");
		if (sid.isBlank()) {
			throw new ProviderRefusal("Twilio's answer named no message sid");
		}
		String delivery = TwilioWebhooks.delivery(answer.path("status").asString("queued"));
		return new Sent(sid, delivery == null ? "QUEUED" : delivery);
	}

	private JsonNode parse(String body) {
		try {
			return json.readTree(body);
		}
		catch (RuntimeException ex) {
			return json.createObjectNode();
		}
	}

	static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

}
