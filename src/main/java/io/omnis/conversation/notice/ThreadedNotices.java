package io.omnis.conversation.notice;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.conversation.Notice;
import io.omnis.conversation.internal.NoticeThreads;
import io.omnis.kernel.Ids;

/**
 * Keeps each notice in the customer's conversation: shown as pending when it is written
 * to the outbox, then as it went out (channel and delivery) when the outbox sends it. A
 * notice to an identifier no profile holds yet ({@code email:…} of a guest order) is
 * threaded just before it is sent, her profile found or made from the address it goes to.
 */
@Component
public class ThreadedNotices {

	private static final int BATCH = 20;

	private final NoticeStore store;

	private final NoticeRoutes routes;

	private final NoticeThreads threads;

	private final TransactionTemplate transactions;

	ThreadedNotices(NoticeStore store, NoticeRoutes routes, NoticeThreads threads,
			PlatformTransactionManager transactionManager) {
		this.store = store;
		this.routes = routes;
		this.threads = threads;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** A notice just written to the outbox, in the caller's transaction. */
	public Notice placed(Notice notice) {
		Optional<String> profile = threads.profileOf(notice.customer());
		if (profile.isEmpty()) {
			return notice;
		}
		NoticeRoutes.Reach reach = routes.reach(notice.customer());
		var route = routes.route(reach);
		String messageId = Ids.next("msg");
		store.threaded(notice.id(), messageId);
		threads.thread(profile.get(), messageId, notice.subject(), notice.body(),
				route.map(NoticeRoutes.Route::medium).orElse(reach.likely()),
				route.map(NoticeRoutes.Route::channelId).orElse(null), "PENDING");
		return store.find(notice.id());
	}

	/**
	 * Threads the notices due now that no profile held when they were written, once a
	 * channel can carry them: her profile is found or made from the address (outside any
	 * transaction), then the notice joins her thread as pending, once even when several
	 * nodes do this at the same moment.
	 */
	void adopt(Instant now) {
		for (Notice notice : store.dueUnthreaded(now, BATCH)) {
			NoticeRoutes.Route route = routes.route(routes.reach(notice.customer())).orElse(null);
			if (route == null) {
				continue;
			}
			String messageId = Ids.next("msg");
			threads.resolve(route.channelId(), messageId, route.medium(), route.address())
				.ifPresent(profile -> transactions.executeWithoutResult(status -> {
					if (store.threadedIfNot(notice.id(), messageId)) {
						threads.thread(profile, messageId, notice.subject(), notice.body(), route.medium(),
								route.channelId(), "PENDING");
					}
				}));
		}
	}

	/** It went out, or failed for good: the thread shows how. */
	void delivered(Notice notice, NoticeRoutes.Route route, String delivery, @Nullable String error,
			@Nullable String emailMessageId) {
		if (notice.messageId() != null) {
			threads.delivered(notice.messageId(), route.medium(), route.channelId(), delivery, error, emailMessageId);
		}
	}

}
