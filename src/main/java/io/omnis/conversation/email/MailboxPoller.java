package io.omnis.conversation.email;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.omnis.conversation.ConversationProperties;
import io.omnis.kernel.problem.ProblemException;

/**
 * Reads the support mailbox over IMAP and takes in every unread mail, marking it read
 * once stored. It keeps one connection open and, when the server offers IMAP IDLE (RFC
 * 2177), waits on it: the server says when a mail arrives, so a customer's mail is taken
 * in within moments. A mail the server announces outside an IDLE (with the answer to a
 * look, or just before the IDLE begins, where the IDLE would not end for it) ends the
 * next IDLE at once. A server without IDLE is looked at every
 * {@code omnis.conversation.email.imap.poll-interval} (2 s by default). Mail Omnis
 * refuses (not MIME, no sender) is marked read too, so that it cannot block the ones
 * after it; the refusal is logged. A dropped connection is opened again after the poll
 * interval.
 * <p>
 * Several nodes may read the same mailbox: a mail two of them fetch is stored once (its
 * Message-ID is unique).
 */
@Component
class MailboxPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

	/**
	 * How long one IDLE lasts before it is renewed: well within the read timeout, and
	 * within the 30 minutes after which servers may drop an IDLE (RFC 2177).
	 */
	static final Duration IDLE_RENEWAL = Duration.ofSeconds(25);

	/**
	 * How often the IDLE is nudged while a mail announced since the last look waits (a
	 * nudge that comes before the IDLE has begun is lost).
	 */
	static final Duration NUDGE = Duration.ofSeconds(1);

	private final EmailIntake intake;

	private final ConversationProperties.Imap imap;

	private final AtomicReference<Folder> open = new AtomicReference<>();

	private volatile boolean running;

	private volatile boolean idling;

	/** Set when the server announces a mail; cleared before each look. */
	private volatile boolean announced;

	/** Runs between a look that found nothing and the IDLE after it (a test's hook). */
	volatile Runnable beforeIdle = () -> {
	};

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
		Folder folder = open.get();
		if (folder != null) {
			// Ends an IDLE in progress
			closeQuietly(folder);
		}
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Whether the mailbox is watched with IDLE right now (rather than looked at). */
	boolean isIdling() {
		return idling;
	}

	private void loop() {
		while (running) {
			try {
				watch();
			}
			catch (Exception ex) {
				if (running) {
					log.warn("Could not read the mailbox {}@{}: {}", imap.username(), imap.host(), ex.toString());
				}
			}
			finally {
				idling = false;
			}
			if (!pause()) {
				return;
			}
		}
	}

	/**
	 * One connection's life: takes in what is unread, then waits for more (IDLE) or looks
	 * again after the poll interval, until the connection drops or Omnis stops.
	 */
	private void watch() throws Exception {
		try (Store store = session().getStore(protocol())) {
			store.connect(imap.host(), imap.port(), imap.username(), imap.password());
			Folder folder = store.getFolder(imap.folder());
			folder.open(Folder.READ_WRITE);
			open.set(folder);
			folder.addMessageCountListener(new MessageCountAdapter() {
				@Override
				public void messagesAdded(MessageCountEvent event) {
					announced = true;
				}
			});
			try {
				boolean idle = store instanceof IMAPStore imapStore && imapStore.hasCapability("IDLE")
						&& folder instanceof IMAPFolder;
				while (running && folder.isOpen()) {
					// Mail that arrived while the last ones were taken is not announced
					// to an IDLE begun after it: look again until a look finds nothing
					announced = false;
					while (running && takeUnread(folder) > 0) {
						// taken
					}
					if (idle) {
						beforeIdle.run();
						idling = true;
						idle((IMAPFolder) folder);
					}
					else if (!pause()) {
						return;
					}
				}
			}
			finally {
				open.set(null);
				closeQuietly(folder);
			}
		}
	}

	/**
	 * Waits until the server reports a change to the folder, until the renewal is due, or
	 * until a mail announced since the last look is there (a NOOP from another thread
	 * ends the IDLE). An announcement the IDLE did not end for is one that came before
	 * the IDLE began, with the answer to a look or to the IDLE command itself: the look
	 * before missed that mail, and the server will not announce it again.
	 */
	private void idle(IMAPFolder folder) throws Exception {
		Thread wake = Thread.ofVirtual().name("mailbox-idle-wake").start(() -> {
			long renewal = System.nanoTime() + IDLE_RENEWAL.toNanos();
			try {
				while (true) {
					Thread.sleep(NUDGE);
					if (announced || System.nanoTime() - renewal >= 0) {
						// Ends the IDLE; before it has begun, only a NOOP: then the next
						// turn nudges again
						folder.getMessageCount();
						renewal = System.nanoTime() + IDLE_RENEWAL.toNanos();
					}
				}
			}
			catch (InterruptedException ex) {
				// The IDLE ended
			}
			catch (Exception ex) {
				log.debug("Could not end the IDLE: {}", ex.toString());
			}
		});
		try {
			folder.idle(true);
		}
		finally {
			wake.interrupt();
		}
	}

	private int takeUnread(Folder folder) throws Exception {
		int taken = 0;
		for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
			if (!running) {
				break;
			}
			take(message);
			taken++;
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

	private Session session() {
		Properties settings = new Properties();
		String protocol = protocol();
		settings.put("mail.store.protocol", protocol);
		settings.put("mail." + protocol + ".connectiontimeout", "10000");
		// An IDLE is renewed before this read timeout ends it
		settings.put("mail." + protocol + ".timeout", "60000");
		// Reading a mail must not mark it read: only a mail stored (or refused for good)
		// is, so that one a failure interrupted is read again at the next look
		settings.put("mail." + protocol + ".peek", "true");
		return Session.getInstance(settings);
	}

	private String protocol() {
		return imap.ssl() ? "imaps" : "imap";
	}

	/** Sleeps the poll interval; false when Omnis is stopping. */
	private boolean pause() {
		try {
			Thread.sleep(imap.pollInterval().isNegative() ? Duration.ofSeconds(2) : imap.pollInterval());
			return running;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	private static void closeQuietly(Folder folder) {
		try {
			if (folder.isOpen()) {
				folder.close(false);
			}
		}
		catch (Exception ex) {
			// Closing is best effort: the connection may be gone already
		}
	}

}
