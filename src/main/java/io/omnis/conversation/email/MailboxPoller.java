package io.omnis.conversation.email;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.omnis.conversation.ConversationProperties;
import io.omnis.kernel.problem.ProblemException;

/**
 * Looks at the support mailbox over IMAP every few seconds
 * ({@code omnis.conversation.email.imap.poll-interval}, 2 s by default) and takes in
 * every unread mail, marking it read once stored. Mail Omnis refuses (not MIME, no
 * sender) is marked read too, so that it cannot block the ones after it; the refusal is
 * logged.
 * <p>
 * Several nodes may poll the same mailbox: a mail two of them fetch is stored once (its
 * Message-ID is unique).
 */
@Component
class MailboxPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

	private final EmailIntake intake;

	private final ConversationProperties.Imap imap;

	private volatile boolean running;

	private Thread thread;

	MailboxPoller(EmailIntake intake, ConversationProperties properties) {
		this.intake = intake;
		this.imap = properties.email().imap();
	}

	@Override
	public void start() {
		if (!imap.enabled()) {
			return;
		}
		running = true;
		thread = Thread.ofVirtual().name("mailbox-poller").start(this::loop);
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void loop() {
		while (running) {
			try {
				poll();
			}
			catch (Exception ex) {
				if (running) {
					log.warn("Could not read the mailbox {}@{}: {}", imap.username(), imap.host(), ex.toString());
				}
			}
			try {
				Thread.sleep(imap.pollInterval().isNegative() ? Duration.ofSeconds(2) : imap.pollInterval());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Takes in every unread mail of the mailbox. */
	int poll() throws Exception {
		Properties settings = new Properties();
		String protocol = imap.ssl() ? "imaps" : "imap";
		settings.put("mail.store.protocol", protocol);
		settings.put("mail." + protocol + ".connectiontimeout", "10000");
		settings.put("mail." + protocol + ".timeout", "30000");
		// Reading a mail must not mark it read: only a mail stored (or refused for good)
		// is, so that one a failure interrupted is read again at the next look
		settings.put("mail." + protocol + ".peek", "true");
		Session session = Session.getInstance(settings);
		int taken = 0;
		try (Store store = session.getStore(protocol)) {
			store.connect(imap.host(), imap.port(), imap.username(), imap.password());
			Folder folder = store.getFolder(imap.folder());
			folder.open(Folder.READ_WRITE);
			try {
				for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
					if (!running) {
						break;
					}
					take(message);
					taken++;
				}
			}
			finally {
				folder.close(false);
			}
		}
		return taken;
	}

	private void take(Message message) throws Exception {
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw);
		try {
			EmailIntake.Result result = intake.receive(raw.toByteArray(), null);
			log.debug("Mailbox message {}: {}", message.getMessageNumber(), result.outcome());
		}
		catch (ProblemException refused) {
			log.warn("Refused a mail from the mailbox: {}", refused.getMessage());
		}
		message.setFlag(Flags.Flag.SEEN, true);
	}

}
