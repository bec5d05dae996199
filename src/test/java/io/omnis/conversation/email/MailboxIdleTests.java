package io.omnis.conversation.email;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

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
		String customer = "ida-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Properties smtp = new Properties();
		smtp.put("mail.smtp.host", "127.0.0.1");
		smtp.put("mail.smtp.port", String.valueOf(TestMail.smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(smtp));
		message.setFrom(new InternetAddress(customer, "Ida Moreno"));
		message.setRecipient(RecipientType.TO, new InternetAddress(TestMail.SUPPORT));
		message.setSubject("Is my size back in stock?");
		message.setText("Hello, is the blue coat back in M?", "UTF-8");
		Transport.send(message);

		// The poll interval of the tests is a minute: only IDLE brings it this soon
		Poll.until(Duration.ofSeconds(15), () -> profiles.lookup(new Identifier("email", customer)).isPresent(),
				found -> found);
		assertThat(poller.isIdling()).isTrue();
	}

}
