package io.omnis.conversation.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.omnis.conversation.ConversationEvents.ConversationAssigned;
import io.omnis.conversation.ConversationEvents.ConversationOpened;
import io.omnis.conversation.ConversationEvents.ConversationReopened;
import io.omnis.conversation.ConversationEvents.ConversationResolved;
import io.omnis.conversation.ConversationEvents.MessageReceived;
import io.omnis.conversation.ConversationEvents.MessageSent;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Message;

/**
 * Pushes changes to the browsers that watch them, over Server-Sent Events, once they are
 * committed: every open console hears which conversation changed (event {@code inbox},
 * and an event named by the conversation's id), and a chat visitor's widget gets the
 * messages of her threads.
 * <p>
 * Each node pushes to the streams connected to it, and passes what it pushed to the other
 * nodes through {@link LiveFanOut}, so a console or a widget connected to any node behind
 * a load balancer hears every change.
 */
@Component
public class LiveUpdates implements SmartLifecycle {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

	private final Set<SseEmitter> consoles = ConcurrentHashMap.newKeySet();

	private final Map<String, Set<SseEmitter>> visitors = new ConcurrentHashMap<>();

	private final ChatVisitors chatVisitors;

	private final LiveFanOut fanOut;

	private final JsonMapper json;

	private volatile boolean running;

	LiveUpdates(ChatVisitors chatVisitors, LiveFanOut fanOut, JsonMapper json) {
		this.chatVisitors = chatVisitors;
		this.fanOut = fanOut;
		this.json = json;
		fanOut.receiveWith(this::fromAnotherNode);
	}

	/** A stream for a console page. */
	public SseEmitter console() {
		return register(consoles);
	}

	/**
	 * Tells every open console of something other than a conversation change (a phone
	 * ringing, a mention, a thread to load again), as an event of that name: once the
	 * current transaction commits, at once outside one.
	 */
	public void toConsoles(String event, Object data) {
		String body = json.writeValueAsString(data);
		afterCommit(() -> {
			pushToConsoles(event, body);
			fanOut.announce("console|" + event + "|" + body);
		});
	}

	/** A stream for the widget of a chat visitor. */
	public SseEmitter visitor(ChatVisitors.Visitor visitor) {
		return register(visitors.computeIfAbsent(visitor.key(), key -> ConcurrentHashMap.newKeySet()));
	}

	@EventListener
	void on(MessageReceived event) {
		afterCommit(() -> {
			changed(event.conversationId());
			toVisitors(event.profileId(), event.messageId());
		});
	}

	@EventListener
	void on(MessageSent event) {
		afterCommit(() -> {
			changed(event.conversationId());
			if (!event.privateNote()) {
				toVisitors(event.profileId(), event.messageId());
			}
		});
	}

	@EventListener
	void on(ConversationOpened event) {
		afterCommit(() -> changed(event.conversationId()));
	}

	@EventListener
	void on(ConversationReopened event) {
		afterCommit(() -> changed(event.conversationId()));
	}

	@EventListener
	void on(ConversationAssigned event) {
		afterCommit(() -> changed(event.conversationId()));
	}

	@EventListener
	void on(ConversationResolved event) {
		afterCommit(() -> changed(event.conversationId()));
	}

	/**
	 * Pushes once the change is committed (at once outside a transaction). Not a
	 * {@code @TransactionalEventListener}: the event publication registry would record
	 * each push as a publication, one row written three times per event, and mark it
	 * processing and completed on a second connection while the committing thread still
	 * holds its own, which under load (every request thread at that point at once)
	 * exhausted the pool for good. A push is a hint to refresh: nothing to replay after a
	 * crash.
	 */
	private static void afterCommit(Runnable push) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			pushSafely(push);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				pushSafely(push);
			}

		});
	}

	private static void pushSafely(Runnable push) {
		try {
			push.run();
		}
		catch (RuntimeException ex) {
			// The change is committed: a push that failed costs the browser a refresh
			log.warn("Could not push a live update: {}", ex.toString());
		}
	}

	/**
	 * Keeps idle streams open through proxies, and forgets the ones whose browser left.
	 */
	@Scheduled(fixedDelay = 15000)
	void heartbeat() {
		sendAll(consoles, emitter -> SseEmitter.event().comment("keep-alive"));
		visitors.values().forEach(set -> sendAll(set, emitter -> SseEmitter.event().comment("keep-alive")));
		visitors.values().removeIf(Set::isEmpty);
	}

	private void changed(ConversationId id) {
		pushChanged(id.value());
		fanOut.announce("changed|" + id.value());
	}

	private void pushChanged(String id) {
		sendAll(consoles, emitter -> SseEmitter.event().name("inbox").data(id));
		sendAll(consoles, emitter -> SseEmitter.event().name(id).data(id));
	}

	private void pushToConsoles(String event, String body) {
		sendAll(consoles, emitter -> SseEmitter.event().name(event).data(body, MediaType.APPLICATION_JSON));
	}

	/** What another node pushed to its own browsers, pushed to this node's. */
	private void fromAnotherNode(String announcement) {
		String[] parts = announcement.split("\\|", 3);
		switch (parts[0]) {
			case "changed" -> pushChanged(parts[1]);
			case "visitor" -> pushToVisitors(parts[1], parts[2]);
			case "console" -> pushToConsoles(parts[1], parts[2]);
			default -> {
				// From a newer node: nothing this one knows how to push
			}
		}
	}

	private void toVisitors(String profileId, String messageId) {
		pushToVisitors(profileId, messageId);
		fanOut.announce("visitor|" + profileId + "|" + messageId);
	}

	private void pushToVisitors(String profileId, String messageId) {
		if (visitors.isEmpty()) {
			// No widget is connected to this node: nothing to read
			return;
		}
		// Her browsers with a stream on this node first: the message is read only for
		// them, so an SMS or an e-mail from someone not chatting here costs one lookup
		List<ChatVisitors.Visitor> here = chatVisitors.of(profileId)
			.stream()
			.filter(visitor -> visitors.containsKey(visitor.key()))
			.toList();
		if (here.isEmpty()) {
			return;
		}
		Message message = chatVisitors.message(messageId).orElse(null);
		if (message == null || message.privateNote()) {
			return;
		}
		for (ChatVisitors.Visitor visitor : here) {
			Set<SseEmitter> streams = visitors.get(visitor.key());
			if (streams != null && !visitor.firstSeenAt().isAfter(message.createdAt())) {
				sendAll(streams,
						emitter -> SseEmitter.event()
							.name("message")
							.data(WidgetMessage.of(message), MediaType.APPLICATION_JSON));
			}
		}
	}

	private SseEmitter register(Set<SseEmitter> set) {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		set.add(emitter);
		emitter.onCompletion(() -> set.remove(emitter));
		emitter.onTimeout(() -> set.remove(emitter));
		emitter.onError(error -> set.remove(emitter));
		try {
			// Tells the browser the stream is open, and how soon to come back if it drops
			emitter.send(SseEmitter.event().comment("open").reconnectTime(2000));
		}
		catch (IOException ex) {
			set.remove(emitter);
		}
		return emitter;
	}

	private static void sendAll(Set<SseEmitter> emitters, Function<SseEmitter, SseEmitter.SseEventBuilder> event) {
		for (SseEmitter emitter : emitters) {
			try {
				emitter.send(event.apply(emitter));
			}
			catch (IOException | IllegalStateException ex) {
				emitters.remove(emitter);
				emitter.completeWithError(ex);
			}
		}
	}

	@Override
	public void start() {
		running = true;
	}

	/** Closes every stream, so that a graceful shutdown does not wait for them. */
	@Override
	public void stop() {
		running = false;
		consoles.forEach(SseEmitter::complete);
		consoles.clear();
		visitors.values().forEach(set -> set.forEach(SseEmitter::complete));
		visitors.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** A message as the chat widget shows it. */
	public record WidgetMessage(String id, String direction, String author, String authorKind, String body,
			String createdAt) {

		public static WidgetMessage of(Message message) {
			return new WidgetMessage(message.id(), message.direction().name(), message.author().name(),
					message.author().kind().name(), message.body(), message.createdAt().toString());
		}

	}

}
