package io.omnis.conversation.phone;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelType;
import io.omnis.conversation.Agent;
import io.omnis.conversation.Agents;
import io.omnis.conversation.Author;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.internal.Inbound;
import io.omnis.conversation.internal.Intake;
import io.omnis.conversation.internal.LiveUpdates;
import io.omnis.conversation.internal.MessageText;
import io.omnis.conversation.internal.Sender;
import io.omnis.customer.Identifier;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * Takes in what a telephony system reports of a call. A ringing call joins the caller's
 * conversation (through the same intake as every channel, so her phone number finds her
 * profile) and every open console hears of it at once, with her profile; the end of the
 * call adds its outcome and the agent's notes to the conversation as private notes.
 */
@Service
public class Calls {

	static final Duration LIVE = Duration.ofMinutes(30);

	private final CallStore store;

	private final Intake intake;

	private final Conversations conversations;

	private final Agents agents;

	private final LiveUpdates live;

	private final Clock clock;

	Calls(CallStore store, Intake intake, Conversations conversations, Agents agents, LiveUpdates live, Clock clock) {
		this.store = store;
		this.intake = intake;
		this.conversations = conversations;
		this.agents = agents;
		this.live = live;
		this.clock = clock;
	}

	/** What the telephony system said happened. */
	public enum Event {

		RINGING, ANSWERED, ENDED

	}

	/**
	 * One report of a call.
	 *
	 * @param agentId the staff id of the agent who took it
	 */
	public record Report(Event event, @Nullable String from, @Nullable String to, @Nullable String agentId,
			@Nullable String recordingUrl, @Nullable String disposition, @Nullable String notes) {
	}

	public Call report(Channel channel, String callId, Report report) {
		if (callId.isBlank() || callId.length() > 100 || callId.chars().anyMatch(Character::isISOControl)) {
			throw ProblemException.invalidField("callId", "must be 1 to 100 printable characters");
		}
		String recording = url(report.recordingUrl());
		String disposition = report.disposition() == null || report.disposition().isBlank() ? null
				: MessageText.checked(report.disposition(), 60, "disposition");
		String notes = report.notes() == null || report.notes().isBlank() ? null
				: MessageText.checked(report.notes(), 5000, "notes");
		Agent agent = agent(report.agentId());
		Call call = store.find(channel.id().value(), callId).orElse(null);
		if (call == null) {
			call = ring(channel, callId, report, agent);
		}
		Instant now = clock.instant();
		boolean changed = switch (report.event()) {
			case RINGING -> false;
			case ANSWERED -> store.answered(call.id(), agent == null ? null : agent.staffId(), now);
			case ENDED -> store.ended(call.id(), agent == null ? null : agent.staffId(), recording, disposition, now);
		};
		call = store.find(channel.id().value(), callId).orElseThrow();
		if (changed && report.event() == Event.ENDED) {
			conversations.reply(call.conversationId(), summary(call), true, ChannelType.CALL_CENTER, Author.SYSTEM);
			if (notes != null) {
				String staffId = call.agentId();
				Author author = staffId == null ? Author.SYSTEM
						: new Author(AuthorKind.AGENT, staffId, agents.get(staffId).displayName());
				conversations.reply(call.conversationId(), notes, true, ChannelType.CALL_CENTER, author);
			}
		}
		if (changed) {
			tell(call);
		}
		return call;
	}

	/** Calls ringing or in progress, newest first. */
	public List<Call> live() {
		return store.live(clock.instant().minus(LIVE), 20);
	}

	private Call ring(Channel channel, String callId, Report report, @Nullable Agent agent) {
		String from = report.from();
		Identifier phone = (from == null ? java.util.Optional.<Identifier>empty()
				: Identifier.normalised("phone", from))
			.orElseThrow(() -> ProblemException.invalidField("from", "must be the caller's number in E.164 form"));
		String to = report.to() == null || report.to().isBlank() ? null : MessageText.checked(report.to(), 40, "to");
		Intake.Received received = intake
			.receive(
					new Inbound(channel.id().value(), channel.type(), new Sender(null, null, null, phone.value(), null),
							"Phone call from " + phone.value(), false, null, List.of()))
			.orElseThrow();
		Call call = new Call(Ids.next("call"), channel.id().value(), callId, phone.value(), to,
				received.conversation().profileId(), received.conversation().id().value(), "RINGING",
				agent == null ? null : agent.staffId(), null, null, clock.instant(), null, null);
		if (store.insert(call)) {
			tell(call);
		}
		return store.find(channel.id().value(), callId).orElseThrow();
	}

	/** Every open console hears of the call, with the caller's profile. */
	private void tell(Call call) {
		live.toConsoles("call", Map.of("callId", call.id(), "status", call.status(), "caller", call.caller(),
				"profileId", call.profileId(), "conversationId", call.conversationId()));
	}

	private static String summary(Call call) {
		StringBuilder text = new StringBuilder("Phone call from " + call.caller());
		if (call.answeredAt() != null && call.endedAt() != null) {
			long seconds = Duration.between(call.answeredAt(), call.endedAt()).toSeconds();
			text.append(", ").append(seconds / 60).append(" min ").append(seconds % 60).append(" s");
		}
		else {
			text.append(", not answered");
		}
		if (call.disposition() != null) {
			text.append(" · disposition: ").append(call.disposition());
		}
		if (call.recordingUrl() != null) {
			text.append(" · recording: ").append(call.recordingUrl());
		}
		return text.toString();
	}

	private @Nullable Agent agent(@Nullable String staffId) {
		if (staffId == null || staffId.isBlank()) {
			return null;
		}
		try {
			return agents.get(staffId);
		}
		catch (NotFoundException | IllegalArgumentException ex) {
			throw ProblemException.invalidField("agentId", "is not an agent");
		}
	}

	private static @Nullable String url(@Nullable String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			URI uri = URI.create(raw.strip());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || raw.length() > 2000) {
				throw new IllegalArgumentException();
			}
			return uri.toString();
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidField("recordingUrl", "must be an absolute http(s) URL");
		}
	}

}
