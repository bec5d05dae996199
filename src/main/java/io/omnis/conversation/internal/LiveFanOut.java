package io.omnis.conversation.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries live updates to the other Omnis nodes: a change committed on one node is pushed
 * to the consoles and chat widgets connected to any node. Each node announces what it
 * pushed locally with PostgreSQL's {@code NOTIFY} on {@value #CHANNEL}, and LISTENs on
 * one connection of its own for the others' announcements; its own are ignored, as it has
 * pushed them already.
 * <p>
 * An announcement is at most {@value #MAX_PAYLOAD} bytes (PostgreSQL's limit is 8,000); a
 * bigger one is pushed locally only, and logged. A live push is a hint to refresh: what a
 * browser shows is read from the database, so a push lost with a dropped connection costs
 * a refresh, never data.
 */
@Component
class LiveFanOut implements SmartLifecycle {

	static final String CHANNEL = "omnis_live";

	static final int MAX_PAYLOAD = 7900;

	private static final Logger log = LoggerFactory.getLogger(LiveFanOut.class);

	private static final Duration RECONNECT = Duration.ofSeconds(1);

	private static final int OUTBOX = 10_000;

	private final String node = UUID.randomUUID().toString();

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private volatile Consumer<String> receiver = announcement -> {
	};

	private volatile boolean running;

	private volatile boolean listening;

	private Thread thread;

	private Thread sender;

	private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>(OUTBOX);

	LiveFanOut(DataSource dataSource, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/** Where the other nodes' announcements go (the node's own live updates). */
	void receiveWith(Consumer<String> receiver) {
		this.receiver = receiver;
	}

	/**
	 * Tells the other nodes, after the commit of what it announces. The request thread
	 * only queues it: one sender passes what queued up in a single statement, in order.
	 */
	void announce(String announcement) {
		String payload = node + "|" + announcement;
		if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
			log.debug("A live update of {} bytes is pushed on this node only", payload.length());
			return;
		}
		if (!outbox.offer(payload)) {
			log.warn("Live updates for the other nodes are queued beyond {}; this one is pushed here only", OUTBOX);
		}
	}

	private void send() {
		List<String> batch = new ArrayList<>();
		while (running) {
			try {
				batch.add(outbox.take());
			}
			catch (InterruptedException ex) {
				return;
			}
			outbox.drainTo(batch, 500);
			// One transaction: PostgreSQL passes identical announcements once, which is
			// all a
			// hint to refresh needs
			try {
				jdbc.sql("select count(pg_notify(:channel, payload)) from unnest(:payloads) as p(payload)")
					.param("channel", CHANNEL)
					.param("payloads", batch.toArray(String[]::new))
					.query()
					.singleValue();
			}
			catch (RuntimeException ex) {
				log.warn("Could not pass {} live updates to the other nodes: {}", batch.size(), ex.toString());
			}
			batch.clear();
		}
	}

	/** Whether this node listens to the others right now. */
	boolean isListening() {
		return listening;
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofVirtual().name("live-fan-out").start(this::listen);
		sender = Thread.ofVirtual().name("live-fan-out-sender").start(this::send);
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
		}
		if (sender != null) {
			sender.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				listening = true;
				while (running) {
					PGNotification[] received = pg.getNotifications(500);
					if (received != null) {
						for (PGNotification notification : received) {
							deliver(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (running) {
					log.warn("Lost the live updates of the other nodes, listening again in {}: {}", RECONNECT,
							ex.toString());
				}
			}
			finally {
				listening = false;
			}
			try {
				Thread.sleep(RECONNECT);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void deliver(String payload) {
		int bar = payload.indexOf('|');
		if (bar < 0 || payload.substring(0, bar).equals(node)) {
			return;
		}
		try {
			receiver.accept(payload.substring(bar + 1));
		}
		catch (RuntimeException ex) {
			log.warn("Could not push a live update from another node: {}", ex.toString());
		}
	}

}
