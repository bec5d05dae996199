package io.omnis.conversation;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Caller;
import io.omnis.channel.ChannelType;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Omnis refuses about conversations, each with a problem that explains itself and
 * nothing stored: unknown threads, unreadable or forged e-mail, forbidden or oversized
 * files, markup, and people acting beyond their role.
 */
class ConversationRefusalTests extends ConversationFixtures {

	private static final String UNKNOWN = "cnv_01jd4k7q8m3v5x6y7z8a9b0c1d";

	@Autowired
	Staff staff;

	@Autowired
	Agents agents;

	@Autowired
	Profiles profiles;

	@Test
	void anUnknownOrMalformedConversationIsNotFound() {
		Caller agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
		agent.get("/api/v1/conversations/" + UNKNOWN).expectProblem(404, "not-found");
		agent.get("/api/v1/conversations/not-an-id").expectProblem(404, "not-found");
		agent.post("/api/v1/conversations/" + UNKNOWN + "/messages", "{\"body\":\"Hello\"}")
			.expectProblem(404, "not-found");
		agent.post("/api/v1/conversations/" + UNKNOWN + "/resolve", "").expectProblem(404, "not-found");
		agent.get("/api/v1/conversations?cursor=garbage").expectProblem(400, "invalid-parameter", "cursor");
		agent.get("/api/v1/conversations?status=CLOSED").expectProblem(400, "invalid-parameter", "status");
	}

	@Test
	void anEmptyOrOverlongAnswerIsRefusedAndNothingIsStored() {
		Caller agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
		String id = postMail(mailWebhook(), mail(address(), messageId(), "Hi", "", "Hello")).expect(201)
			.path("conversationId")
			.asString();
		agent.post("/api/v1/conversations/" + id + "/messages", "{\"body\":\"  \\u0000 \"}")
			.expectProblem(400, "invalid-field", "body");
		agent.post("/api/v1/conversations/" + id + "/messages", "{\"body\":\"" + "x".repeat(10001) + "\"}")
			.expectProblem(400, "invalid-field", "body");
		agent.post("/api/v1/conversations/" + id + "/messages", "{\"body\":42}")
			.expectProblem(400, "invalid-field", "body");
		agent.post("/api/v1/conversations/" + id + "/messages", "{\"body\":\"Hi\",\"channel\":\"PIGEON\"}")
			.expectProblem(400, "invalid-field", "channel");
		agent.post("/api/v1/conversations/" + id + "/messages", "{\"body\":\"Hi\",\"author\":\"CUSTOMER\"}")
			.expectProblem(400, "invalid-field", "author");
		assertThat(agent.get("/api/v1/conversations/" + id + "/messages").expect(200).path("data").size()).isEqualTo(1);
	}

	@Test
	void mailThatIsNotMimeOrNamesNoSingleSenderIsRefused() {
		Caller webhook = mailWebhook();
		postMail(webhook, "").expectProblem(400, "malformed-body");
		postMail(webhook, "this is not an e-mail at all").expectProblem(400, "invalid-field", "from");
		postMail(webhook, mail("ana@example.com, bob@example.com", messageId(), "Hi", "", "Two senders"))
			.expectProblem(400, "invalid-field", "from");
		postMail(webhook, mail("not an address", messageId(), "Hi", "", "No sender")).expectProblem(400,
				"invalid-field", "from");
		webhook
			.send("POST", "/api/v1/conversations/inbound/email",
					java.net.http.HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", "application/json")
			.expectProblem(415, "unsupported-media-type");
		postMail(webhook, mail(address(), messageId(), "Big", "", "x".repeat(1_100_000))).expectProblem(413,
				"payload-too-large");
	}

	@Test
	void aForgedInReplyToCannotSlipIntoSomeoneElsesConversation() {
		Caller webhook = mailWebhook();
		String anasMail = messageId();
		String anas = postMail(webhook, mail(address(), anasMail, "My invoice", "", "Where is my invoice?")).expect(201)
			.path("conversationId")
			.asString();
		JsonNode mallory = postMail(webhook,
				mail(address(), messageId(), "Re: My invoice",
						"In-Reply-To: " + anasMail + "\r\nReferences: " + anasMail + "\r\n", "Send it to me instead"))
			.expect(201);
		assertThat(mallory.path("conversationId").asString()).isNotEqualTo(anas);
		Caller agent = withScopes(Permission.CONVERSATIONS_READ);
		assertThat(agent.get("/api/v1/conversations/" + anas + "/messages").expect(200).path("data").size())
			.isEqualTo(1);
	}

	@Test
	void forbiddenFilesAreRefusedWhateverTheyAreCalledAndNothingIsStored() {
		Caller webhook = mailWebhook();
		String sender = address();
		postMail(webhook, withFile(sender, "setup.exe", "application/octet-stream", "MZ fake program"))
			.expectProblem(415, "unsupported-media-type", "attachments[0]");
		postMail(webhook, withFile(sender, "invoice.pdf", "application/pdf", "MZ a program in disguise"))
			.expectProblem(415, "unsupported-media-type", "attachments[0]");
		postMail(webhook, withFile(sender, "page.html", "text/html", "<script>alert(1)</script>")).expectProblem(415,
				"unsupported-media-type", "attachments[0]");
		assertThat(profiles.lookup(new Identifier("email", sender))).isEmpty();

		JsonNode accepted = postMail(webhook, withFile(sender, "receipt.pdf", "application/pdf", "%PDF-1.7 receipt"))
			.expect(201);
		Caller agent = withScopes(Permission.CONVERSATIONS_READ);
		JsonNode message = agent
			.get("/api/v1/conversations/" + accepted.path("conversationId").asString() + "/messages")
			.expect(200)
			.path("data")
			.path(0);
		assertThat(message.path("attachments").path(0).path("filename").asString()).isEqualTo("receipt.pdf");
		var file = agent.get("/api/v1/conversations/" + accepted.path("conversationId").asString() + "/attachments/"
				+ message.path("attachments").path(0).path("id").asString());
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Disposition")).startsWith("attachment");
		assertThat(file.text()).isEqualTo("%PDF-1.7 receipt");
	}

	@Test
	void markupInAnHtmlMailIsStoredAsItsTextOnly() {
		String html = "From: " + address() + "\r\nSubject: Hi\r\nMessage-ID: " + messageId()
				+ "\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
				+ "<html><head><style>p{color:red}</style><script>alert('head')</script></head><body>"
				+ "<p>Hello <b>there</b></p><script>document.cookie</script><img src=x onerror=alert(1)>"
				+ "<p>Second line</p></body></html>\r\n";
		String id = postMail(mailWebhook(), html).expect(201).path("conversationId").asString();
		String body = withScopes(Permission.CONVERSATIONS_READ).get("/api/v1/conversations/" + id + "/messages")
			.expect(200)
			.path("data")
			.path(0)
			.path("body")
			.asString();
		assertThat(body).isEqualTo("Hello there\nSecond line");
	}

	@Test
	void peopleAndKeysCannotActBeyondTheirRole() {
		String associate = "assoc-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(associate, "Store associate", Role.STORE_ASSOCIATE, "associate-password");
		Caller store = console(signIn(associate, "associate-password"));
		store.get("/api/v1/conversations").expectProblem(403, "forbidden");
		assertThat(store.get("/console/conversations").status()).isEqualTo(403);

		String agentName = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(agentName, "Agent", Role.AGENT, "agent-password-123");
		Caller agent = console(signIn(agentName, "agent-password-123"));
		String staffId = agent
			.send("PUT", "/api/v1/conversations/agents/me/presence",
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"presence\":\"ONLINE\"}"), "Content-Type",
					"application/json")
			.expect(200)
			.path("staffId")
			.asString();
		agent.send("PUT", "/api/v1/conversations/agents/" + staffId + "/capacity",
				java.net.http.HttpRequest.BodyPublishers.ofString("{\"CHAT\":50}"), "Content-Type", "application/json")
			.expectProblem(403, "forbidden");
		// An administrator has a console but is not an agent: no presence
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));
		admin
			.send("PUT", "/api/v1/conversations/agents/me/presence",
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"presence\":\"ONLINE\"}"), "Content-Type",
					"application/json")
			.expectProblem(403, "forbidden");

		withScopes(Permission.PROFILES_READ).get("/api/v1/conversations").expectProblem(403, "forbidden");
		withScopes(Permission.CONVERSATIONS_READ)
			.post("/api/v1/conversations/" + UNKNOWN + "/messages", "{\"body\":\"Hi\"}")
			.expectProblem(403, "forbidden");
		postMail(withScopes(Permission.CONVERSATIONS_READ), mail(address(), messageId(), "Hi", "", "Hi"))
			.expectProblem(403, "forbidden");
		postMail(bearer(secretOf(channel(ChannelType.WEB, Permission.CONVERSATIONS_WRITE))),
				mail(address(), messageId(), "Hi", "", "Hi"))
			.expectProblem(403, "forbidden");

		// Nobody is given a conversation while offline
		String conversation = postMail(mailWebhook(), mail(address(), messageId(), "Hi", "", "Hi")).expect(201)
			.path("conversationId")
			.asString();
		agents.presence(staffId, Presence.OFFLINE);
		withScopes(Permission.CONVERSATIONS_WRITE)
			.post("/api/v1/conversations/" + conversation + "/assignment", "{\"assigneeId\":\"" + staffId + "\"}")
			.expectProblem(409, "conflict");
		withScopes(Permission.CONVERSATIONS_WRITE)
			.post("/api/v1/conversations/" + conversation + "/assignment", "{\"assigneeId\":\"stf_nobody\"}")
			.expectProblem(400, "invalid-field", "assigneeId");
	}

	@Test
	void theChatRefusesUnknownKeysStrangersAndMalformedMessages() {
		String writeKey = writeKeyOf(channel(ChannelType.WEB));
		Visitor visitor = new Visitor(writeKey, "anon-" + UUID.randomUUID());
		visitor.say("Hello");
		String token = visitor.token;

		visitor.token = null;
		visitor.send("Let me in", null).expectProblem(403, "forbidden");
		visitor.token = "forged";
		visitor.send("Let me in", null).expectProblem(403, "forbidden");
		anonymous().get("/chat/v1/messages?key=" + writeKey + "&anonymousId=" + visitor.anonymousId + "&token=forged")
			.expectProblem(403, "forbidden");
		anonymous().get("/chat/v1/stream?key=" + writeKey + "&anonymousId=" + visitor.anonymousId + "&token=forged")
			.expectProblem(403, "forbidden");
		visitor.token = token;
		visitor.send("Still me", "not-an-email").expectProblem(400, "invalid-field", "email");

		new Visitor("wk_unknown", "anon-x").send("Hi", null).expectProblem(401, "unauthenticated");
		chat("{\"writeKey\":\"" + writeKey + "\",\"text\":\"Hi\"}").expectProblem(400, "invalid-field", "anonymousId");
		chat("{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"a-" + UUID.randomUUID() + "\",\"text\":42}")
			.expectProblem(400, "invalid-field", "text");
		chat("{\"writeKey\":\"" + writeKey + "\",\"anonymousId\":\"a-" + UUID.randomUUID() + "\",\"text\":\"   \"}")
			.expectProblem(400, "invalid-field", "text");
		chat("not json").expectProblem(400, "malformed-body");
		assertThat(visitor.say("Still here").path("message").path("body").asString()).isEqualTo("Still here");
	}

	private io.omnis.Answer chat(String body) {
		return anonymous().send("POST", "/chat/v1/messages", java.net.http.HttpRequest.BodyPublishers.ofString(body),
				"Content-Type", "text/plain");
	}

	private static String withFile(String from, String filename, String type, String content) {
		return "From: " + from + "\r\nSubject: A file\r\nMessage-ID: " + messageId()
				+ "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
				+ "Content-Type: text/plain; charset=UTF-8\r\n\r\nHere it is.\r\n--b1\r\nContent-Type: " + type
				+ "; name=\"" + filename + "\"\r\nContent-Disposition: attachment; filename=\"" + filename
				+ "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ Base64.getMimeEncoder().encodeToString(content.getBytes()) + "\r\n--b1--\r\n";
	}

	private static String address() {
		return "c-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
	}

	private static String messageId() {
		return "<" + UUID.randomUUID() + "@example.com>";
	}

}
