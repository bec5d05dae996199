package io.omnis.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Signs in to the console as the first administrator, the way a person would, and creates
 * the {@code bench} channel whose secret key the workloads then use.
 */
final class AdminSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"");

	private final Api api;

	private String cookie = "";

	private AdminSession(Api api) {
		this.api = api;
	}

	/** A console session of the first administrator, signed in through the login form. */
	static AdminSession signIn(Api api, String password) throws IOException, InterruptedException {
		AdminSession session = new AdminSession(api);
		String loginToken = session.csrfTokenOf("/login");
		String form = "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(loginToken, StandardCharsets.UTF_8);
		HttpResponse<byte[]> login = session.send(api.unauthenticated("/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form)));
		String location = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || location.contains("error")) {
			throw new IOException("Could not sign in as admin: HTTP " + login.statusCode() + " to " + location);
		}
		return session;
	}

	/** The session cookie ({@code OMNIS_SESSION=…}) to send with console requests. */
	String cookie() {
		return cookie;
	}

	/**
	 * The secret key ({@code sk_...}) of a new channel with the scopes the workloads
	 * need.
	 */
	static String issueBenchKey(Api api, String password, String name) throws IOException, InterruptedException {
		AdminSession session = signIn(api, password);
		String token = session.csrfTokenOf("/console");
		HttpResponse<byte[]> created = Api.ok(session.send(api.unauthenticated("/api/v1/channels")
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", token)
			.POST(BodyPublishers.ofString(
					"""
							{"type":"WEB","name":"%s","secretKeyScopes":["channels:read","channels:manage","profiles:read","tracking:read","inventory:read","inventory:write","inventory:manage","reservations:write","catalog:read","catalog:write","conversations:read","conversations:write","carts:write","orders:read","orders:write","orders:manage"]}"""
						.formatted(name)))));
		for (JsonNode issued : Api.json(created).get("issuedKeys")) {
			if ("SECRET".equals(issued.get("key").get("kind").asString())) {
				return issued.get("secret").asString();
			}
		}
		throw new IOException("The bench channel came without a secret key");
	}

	private String csrfTokenOf(String page) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = Api.ok(send(api.unauthenticated(page).GET()));
		Matcher token = CSRF.matcher(new String(response.body(), StandardCharsets.UTF_8));
		if (!token.find()) {
			throw new IOException("No CSRF token on " + page);
		}
		return token.group(1);
	}

	/**
	 * Sends with the session cookie, keeping the one the answer sets (it changes on
	 * login).
	 */
	private HttpResponse<byte[]> send(java.net.http.HttpRequest.Builder request)
			throws IOException, InterruptedException {
		if (!cookie.isEmpty()) {
			request.header("Cookie", cookie);
		}
		HttpResponse<byte[]> response = api.send(request.build());
		response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith("OMNIS_SESSION="))
			.findFirst()
			.ifPresent(value -> cookie = value.split(";", 2)[0]);
		return response;
	}

}
