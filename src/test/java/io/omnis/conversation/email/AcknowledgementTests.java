package io.omnis.conversation.email;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.TestMail;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.internal.Intake;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With acknowledgements on, a customer's new e-mail thread gets an automatic answer that
 * says so (Auto-Submitted), while an auto-reply, a bulk or list mail never gets one: two
 * robots cannot answer each other forever.
 */
class AcknowledgementTests extends RunningOmnis {

	@Autowired
	Intake intake;

	@Autowired
	Conversations conversations;

	@Autowired
	EmailChannel channel;

	@Test
	void aNewThreadIsAcknowledgedOnceAndAutomatedMailNever() throws Exception {
		EmailIntake acknowledging = new EmailIntake(intake, conversations, channel, properties());
		String customer = "ack-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String robot = "robot-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		acknowledging.receive(mail(customer, "", "Hello"), null);
		acknowledging.receive(mail(customer, "", "And one more thing"), null);
		acknowledging.receive(mail(robot, "Auto-Submitted: auto-replied\r\n", "I am on holiday"), null);
		acknowledging.receive(mail(robot, "Precedence: list\r\n", "Weekly digest"), null);

		MimeMessage acknowledgement = Poll.until(Duration.ofSeconds(20), () -> sentTo(customer),
				found -> found.length == 1)[0];
		assertThat(acknowledgement.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
		Thread.sleep(1000);
		assertThat(sentTo(customer)).hasSize(1);
		assertThat(sentTo(robot)).isEmpty();
	}

	private static ConversationProperties properties() {
		return new Binder(new MapConfigurationPropertySource(
				java.util.Map.of("omnis.conversation.email.acknowledge", "true", "omnis.conversation.email.from",
						TestMail.SUPPORT, "omnis.conversation.email.domain", TestMail.DOMAIN)))
			.bindOrCreate("omnis.conversation", Bindable.of(ConversationProperties.class));
	}

	private static MimeMessage[] sentTo(String address) {
		return Arrays.stream(TestMail.server().getReceivedMessages()).filter(message -> {
			try {
				return message.getAllRecipients()[0].toString().equals(address);
			}
			catch (Exception ex) {
				return false;
			}
		}).toArray(MimeMessage[]::new);
	}

	private static byte[] mail(String from, String headers, String text) {
		return ("From: " + from + "\r\nTo: " + TestMail.SUPPORT + "\r\nSubject: " + text + "\r\nMessage-ID: <"
				+ UUID.randomUUID() + "@example.com>\r\n" + headers
				+ "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

}
