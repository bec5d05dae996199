package io.omnis.conversation;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.notice.NoticeStore;
import io.omnis.conversation.notice.ThreadedNotices;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.ProblemException;

/**
 * Tells a customer something on Omnis' own initiative (her order is ready to collect, was
 * not collected…). The notice is written to an outbox in the caller's transaction, so it
 * is sent only if what it tells happened; a job on every node sends it through the
 * organisation's e-mail channel when she has an address, else by SMS when she has a phone
 * and an SMS channel exists, else keeps it until such a channel exists. Every notice is
 * also a message in her conversation (ADR 0017), with its channel and delivery.
 */
@Service
public class CustomerNotices {

	static final int MAX_BODY = 8000;

	private final NoticeStore store;

	private final ThreadedNotices threads;

	private final Clock clock;

	CustomerNotices(NoticeStore store, ThreadedNotices threads, Clock clock) {
		this.store = store;
		this.threads = threads;
		this.clock = clock;
	}

	/**
	 * @param customer a profile id or an identifier ({@code email:…}, {@code phone:…})
	 * @param topic what kind of notice, dotted ({@code pickup.ready})
	 * @param reference what it is about, for people looking at it later
	 */
	@Transactional
	public Notice send(String customer, String topic, @Nullable String reference, String subject, String text) {
		if (customer.isBlank() || customer.length() > 300) {
			throw ProblemException.invalidField("customer", "must be a profile id or an identifier");
		}
		if (subject.isBlank() || subject.length() > 200 || text.isBlank() || text.length() > MAX_BODY) {
			throw new IllegalArgumentException("A notice needs a subject (≤ 200) and a text (≤ " + MAX_BODY + ")");
		}
		// Shown in her conversation at once (pending), so the agent answering her sees it
		return threads
			.placed(store.insert(Ids.next("ntc"), customer, topic, reference, subject, text, clock.instant()));
	}

	/** The notices of a customer (as given when sent), newest first. */
	@Transactional(readOnly = true)
	public List<Notice> of(String customer, int limit) {
		return store.of(customer, Math.max(1, Math.min(limit, 100)));
	}

}
