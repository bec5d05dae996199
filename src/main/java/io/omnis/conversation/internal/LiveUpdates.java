package io.omnis.conversation.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
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
 * The streams are those of this node; with several nodes behind a load balancer each node
 * pushes what it changed (see the README's limits).
 */
@Component
public class LiveUpdates implements SmartLifecycle {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final Set<SseEmitter> consoles = ConcurrentHashMap.newKeySet();

	private final Map<String, Set<SseEmitter>> visitors = new ConcurrentHashMap<>();

	private final ChatVisitors chatVisitors;

	private volatile boolean running;

	LiveUpdates(ChatVisitors chatVisitors) {
		this.chatVisitors = chatVisitors;
	}

	/** A stream for a console page. */
	public SseEmitter console() {
		return register(consoles);
	}

	/**
	 * Tells every open console of something other than a conversation change (a phone
	 * ringing), as an event of that name.
	 */
	public void toConsoles(String event, Object data) {
		sendAll(consoles, emitter -> SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
	}

	/** A stream for the widget of a chat visitor. */
	public SseEmitter visitor(ChatVisitors.Visitor visitor) {
		return register(visitors.computeIfAbsent(visitor.key(), key -> ConcurrentHashMap.newKeySet()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MessageReceived event) {
		changed(event.conversationId());
		toVisitors(event.profileId(), event.messageId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MessageSent event) {
		changed(event.conversationId());
		if (!event.privateNote()) {
			toVisitors(event.profileId(), event.messageId());
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ConversationOpened event) {
		changed(event.conversationId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ConversationReopened event) {
		changed(event.conversationId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ConversationAssigned event) {
		changed(event.conversationId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ConversationResolved event) {
		changed(event.conversationId());
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
		sendAll(consoles, emitter -> SseEmitter.event().name("inbox").data(id.value()));
		sendAll(consoles, emitter -> SseEmitter.event().name(id.value()).data(id.value()));
	}

	private void toVisitors(String profileId, String messageId) {
		Message message = chatVisitors.message(messageId).orElse(null);
		if (message == null || message.privateNote()) {
			return;
		}
		for (ChatVisitors.Visitor visitor : chatVisitors.of(profileId, message.createdAt())) {
			Set<SseEmitter> streams = visitors.get(visitor.key());
			if (streams != null) {
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
