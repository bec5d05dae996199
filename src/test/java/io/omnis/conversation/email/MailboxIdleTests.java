package io.omnis.conversation.email;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.TestMail;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The support mailbox is watched with IMAP IDLE, so a customer's mail is taken in as it
 * arrives: the tests look at the mailbox only once a minute, and the mail is in well
 * before that.
 */
class MailboxIdleTests extends RunningOmnis {

	@Autowired
	MailboxPoller poller;

	@Autowired
	Profiles profiles;

	@Test
	void aMailIsTakenInAsItArrivesNotAtTheNextLook() throws Exception {
		Poll.until(Duration.ofSeconds(20), poller::isIdling, idling -> idling);
		String customer = customer("ida");
		send(customer, "Ida Moreno", "Is my size back in stock?");

		// The poll interval of the tests is a minute: only IDLE brings it this soon
		Poll.until(Duration.ofSeconds(15), () -> profiles.lookup(new Identifier("email", customer)).isPresent(),
				found -> found);
		assertThat(poller.isIdling()).isTrue();
	}

	/**
	 * A mail that arrives after a look found nothing, but before the IDLE begins, is
	 * announced with the answer to the IDLE command, and the IDLE does not end for it:
	 * without the nudge it waited for the renewal (25 s).
	 */
	@Test
	void aMailThatArrivesBetweenALookAndTheIdleIsTakenInWithoutWaitingForTheRenewal() throws Exception {
		Poll.until(Duration.ofSeconds(20), poller::isIdling, idling -> idling);
		String first = customer("una");
		String second = customer("dos");
		AtomicBoolean sent = new AtomicBoolean();
		poller.beforeIdle = () -> {
			if (sent.compareAndSet(false, true)) {
				try {
					send(second, "Dos Santos", "And the red one?");
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
		try {
			send(first, "Una Ortiz", "Is the blue coat back?");
			Poll.until(Duration.ofSeconds(15), () -> profiles.lookup(new Identifier("email", first)).isPresent(),
					found -> found);
			Poll.until(Duration.ofSeconds(15), sent::get, done -> done);
			Poll.until(MailboxPoller.IDLE_RENEWAL.dividedBy(3),
					() -> profiles.lookup(new Identifier("email", second)).isPresent(), found -> found);
		}
		finally {
			poller.beforeIdle = () -> {
			};
		}
	}

	private static String customer(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	private static void send(String customer, String name, String subject) throws Exception {
		Properties smtp = new Properties();
		smtp.put("mail.smtp.host", "127.0.0.1");
		smtp.put("mail.smtp.port", String.valueOf(TestMail.smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(smtp));
		message.setFrom(new InternetAddress(customer, name));
		message.setRecipient(RecipientType.TO, new InternetAddress(TestMail.SUPPORT));
		message.setSubject(subject);
		message.setText("Hello, " + subject, "UTF-8");
		Transport.send(message);
	}

}
