package io.omnis.conversation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.TestMail;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer e-mails the support mailbox (which Omnis polls over IMAP), an agent answers,
 * and she replies from her mail client: it is one conversation, by its headers. Her
 * out-of-office reply joins it without being answered, and mail Omnis sent itself never
 * comes back in.
 */
class EmailRoundTripTests extends ConversationFixtures {

	/**
	 * How long mail sent to the support mailbox may take to be stored: well under the 25
	 * s after which the watcher renews its IDLE. A mail that arrived just before an IDLE
	 * began used to wait for that renewal (in full runs a mail now and then took longer
	 * than 20 s); the watcher now ends such an IDLE itself (MailboxIdleTests).
	 */
	private static final Duration MAIL_IN = Duration.ofSeconds(15);

	@Autowired
	Profiles profiles;

	@Test
	void anEmailTheAnswerAndHerReplyFromHerMailClientAreOneConversation() throws Exception {
		String customer = "rosa-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String first = "<" + UUID.randomUUID() + "@mail.example.com>";
		send(customer, "Rosa Lima", first, null, "My order 1234 never arrived",
				"Hello,\nmy order 1234 never arrived.\nRosa");

		String conversation = Poll.until(MAIL_IN,
				() -> profiles.lookup(new Identifier("email", customer))
					.map(profile -> agent().get("/api/v1/conversations?profileId=" + profile.id())
						.expect(200)
						.path("data")
						.path(0)
						.path("id")
						.asString())
					.orElse(""),
				id -> !id.isEmpty());

		JsonNode answer = agent()
			.post("/api/v1/conversations/" + conversation + "/messages",
					"{\"body\":\"Sorry, Rosa! A new parcel leaves today.\"}")
			.expect(201);
		assertThat(answer.path("channelType").asString()).isEqualTo("EMAIL");
		MimeMessage received = Poll.until(Duration.ofSeconds(20), () -> inbox(customer), list -> !list.isEmpty())
			.getFirst();
		String ourId = received.getMessageID();
		assertThat(ourId).endsWith("@" + TestMail.DOMAIN + ">");
		assertThat(received.getHeader("In-Reply-To")[0]).isEqualTo(first);
		assertThat(received.getHeader("References")[0]).contains(first);
		assertThat(received.getSubject()).isEqualTo("Re: My order 1234 never arrived");
		assertThat(received.getFrom()[0].toString()).contains(TestMail.SUPPORT);
		assertThat(((String) received.getContent()).strip()).isEqualTo("Sorry, Rosa! A new parcel leaves today.");
		Poll.until(Duration.ofSeconds(10), () -> lastMessage(conversation).path("delivery").asString(), "SENT"::equals);

		// Her mail client answers with the usual headers and quotes our answer below
		String reply = "<" + UUID.randomUUID() + "@mail.example.com>";
		send(customer, "Rosa Lima", reply, ourId + "|" + first + " " + ourId, "Re: My order 1234 never arrived",
				"Thank you, that is quick!\n\nOn Sun, 22 Nov 2026 at 10:05, Support <" + TestMail.SUPPORT
						+ "> wrote:\n> Sorry, Rosa! A new parcel leaves today.\n");
		JsonNode thanks = Poll.until(MAIL_IN, () -> lastMessage(conversation),
				message -> message.path("emailMessageId").asString().equals(reply));
		assertThat(thanks.path("body").asString()).isEqualTo("Thank you, that is quick!");
		assertThat(thanks.path("direction").asString()).isEqualTo("IN");
		String profileId = profiles.lookup(new Identifier("email", customer)).orElseThrow().id();
		assertThat(agent().get("/api/v1/conversations?profileId=" + profileId).expect(200).path("data").size())
			.isEqualTo(1);
		assertThat(agent().get("/api/v1/conversations/" + conversation).expect(200).path("status").asString())
			.isEqualTo("OPEN");

		// Resolved, then her out-of-office answers our last mail: kept, never answered,
		// and the conversation stays resolved
		agent().post("/api/v1/conversations/" + conversation + "/resolve", "").expect(200);
		String away = "<" + UUID.randomUUID() + "@mail.example.com>";
		sendAutomated(customer, away, ourId, "Out of office: Re: My order 1234 never arrived");
		JsonNode outOfOffice = Poll.until(MAIL_IN, () -> lastMessage(conversation),
				message -> message.path("emailMessageId").asString().equals(away));
		assertThat(outOfOffice.path("automated").asBoolean()).isTrue();
		assertThat(agent().get("/api/v1/conversations/" + conversation).expect(200).path("status").asString())
			.isEqualTo("RESOLVED");
		// Her mailbox holds the answer and the satisfaction survey the resolution sent,
		// nothing in answer to the out-of-office
		List<MimeMessage> mailed = Poll.until(Duration.ofSeconds(20), () -> inbox(customer), list -> list.size() >= 2);
		assertThat(mailed).hasSize(2);
		assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mailed.get(1))).contains("How did we do?");

		// She writes again in the same thread: the conversation reopens
		String again = "<" + UUID.randomUUID() + "@mail.example.com>";
		send(customer, "Rosa Lima", again, ourId + "|" + first + " " + ourId + " " + reply,
				"Re: My order 1234 never arrived", "It is here now, thanks.");
		Poll.until(MAIL_IN, () -> lastMessage(conversation),
				message -> message.path("emailMessageId").asString().equals(again));
		JsonNode reopened = agent().get("/api/v1/conversations/" + conversation).expect(200);
		assertThat(reopened.path("status").asString()).isEqualTo("OPEN");
		assertThat(reopened.path("resolvedAt").isNull()).isTrue();
	}

	@Test
	void mailOmnisSentItselfAndRepeatedMailAreNotStoredAgain() {
		Caller webhook = mailWebhook();
		String customer = "loop-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String id = "<" + UUID.randomUUID() + "@mail.example.com>";
		String mime = mail(customer, id, "Hello", "", "Hello there");
		JsonNode stored = postMail(webhook, mime).expect(201);
		assertThat(postMail(webhook, mime).expect(202).path("outcome").asString()).isEqualTo("DUPLICATE");
		assertThat(
				postMail(webhook,
						mail(customer, "<msg_01jd4k7q8m3v5x6y7z8a9b0c1d@" + TestMail.DOMAIN + ">", "Re: Hello", "",
								"A copy of our own answer"))
					.expect(202)
					.path("outcome")
					.asString())
			.isEqualTo("OWN_MAIL");
		assertThat(postMail(webhook,
				mail("someone-new-" + customer, "<" + UUID.randomUUID() + "@x.example>", "Newsletter",
						"Precedence: bulk\r\n", "Our offers"))
			.expect(202)
			.path("outcome")
			.asString()).isEqualTo("AUTOMATED_WITHOUT_THREAD");
		assertThat(agent().get("/api/v1/conversations/" + stored.path("conversationId").asString() + "/messages")
			.expect(200)
			.path("data")
			.size()).isEqualTo(1);
	}

	private Caller agent() {
		return withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
	}

	private JsonNode lastMessage(String conversation) {
		JsonNode data = agent().get("/api/v1/conversations/" + conversation + "/messages").expect(200).path("data");
		return data.get(data.size() - 1);
	}

	private static List<MimeMessage> inbox(String address) {
		return Arrays.stream(TestMail.server().getReceivedMessages()).filter(message -> {
			try {
				return message.getRecipients(RecipientType.TO)[0].toString().equals(address);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	/**
	 * Sends as her mail client would; {@code threading} is "In-Reply-To|References".
	 */
	private static void send(String from, String name, String messageId, String threading, String subject, String text)
			throws Exception {
		MimeMessage message = new MimeMessage(session()) {
			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom(new InternetAddress(from, name));
		message.setRecipient(RecipientType.TO, new InternetAddress(TestMail.SUPPORT));
		message.setSubject(subject);
		message.setText(text, "UTF-8");
		if (threading != null) {
			String[] parts = threading.split("\\|");
			message.setHeader("In-Reply-To", parts[0]);
			message.setHeader("References", parts[1]);
		}
		Transport.send(message);
	}

	private static void sendAutomated(String from, String messageId, String inReplyTo, String subject)
			throws Exception {
		MimeMessage message = new MimeMessage(session()) {
			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom(new InternetAddress(from));
		message.setRecipient(RecipientType.TO, new InternetAddress(TestMail.SUPPORT));
		message.setSubject(subject);
		message.setText("I am away until Monday.", "UTF-8");
		message.setHeader("In-Reply-To", inReplyTo);
		message.setHeader("Auto-Submitted", "auto-replied");
		Transport.send(message);
	}

	private static Session session() {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(TestMail.smtpPort()));
		return Session.getInstance(properties);
	}

}
