package io.omnis.conversation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Agent;
import io.omnis.conversation.Author;
import io.omnis.conversation.ConversationEvents.ConversationAssigned;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Presence;

/**
 * Gives waiting conversations to agents: each, oldest first, to the online agent with the
 * fewest conversations in progress who is below her capacity for its channel type; a tie
 * goes to the one idle longest. Never to an agent who is away or offline. A conversation
 * in a team's queue goes only to that team's members with the skills it needs, until its
 * restriction lapses ({@link QueueRules}).
 * <p>
 * Every decision is taken under row locks on the online agents (always in the same order)
 * and on the waiting conversations ({@code SKIP LOCKED}), so that several threads or
 * nodes routing at once never exceed a capacity or assign a conversation twice.
 */
@Service
public class Router {

	private final AgentStore agents;

	private final ConversationStore conversations;

	private final JdbcClient jdbc;

	private final ConversationProperties properties;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final QueueRules queues;

	Router(AgentStore agents, ConversationStore conversations, JdbcClient jdbc, ConversationProperties properties,
			TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, QueueRules queues) {
		this.queues = queues;
		this.agents = agents;
		this.conversations = conversations;
		this.jdbc = jdbc;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Assigns as many waiting conversations as the online agents' capacities allow.
	 * @return how many were assigned
	 */
	public int drain() {
		Integer assigned = transactions.execute(status -> {
			List<String> online = agents.lockOnline();
			if (online.isEmpty()) {
				return 0;
			}
			List<Waiting> waiting = jdbc
				.sql("""
						select id, medium, team, required_skills, restricted_until from conversation
						 where assignee_id is null and status <> 'RESOLVED' and not assistant_active and not awaiting_contact
						 order by created_at, id limit 200 for update skip locked""")
				.query((rs, row) -> new Waiting(new ConversationId(rs.getString(1)),
						ChannelType.valueOf(rs.getString(2)), rs.getString(3), TeamStore.strings(rs.getArray(4)),
						rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
				.list();
			if (waiting.isEmpty()) {
				return 0;
			}
			List<Candidate> candidates = agents.byIds(online).stream().map(Candidate::new).toList();
			QueueRules.Eligibility eligibility = queues.eligibility(online);
			Instant now = clock.instant();
			int count = 0;
			for (Waiting conversation : waiting) {
				Candidate best = candidates.stream()
					.filter(candidate -> candidate.hasRoomFor(conversation.medium()))
					.filter(candidate -> eligibility.allows(candidate.staffId(), conversation.team(),
							conversation.requiredSkills(), conversation.restrictedUntil()))
					.min(Comparator.comparingInt(Candidate::total)
						.thenComparing(Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
						.thenComparing(Candidate::staffId))
					.orElse(null);
				if (best == null) {
					continue;
				}
				// Distinct instants keep the longest-idle order right within one pass
				Instant at = now.plusNanos(1000L * count);
				conversations.assignee(conversation.id(), best.staffId(), at);
				agents.assigned(best.staffId(), at);
				best.took(conversation.medium(), at);
				events.publishEvent(new ConversationAssigned(conversation.id(), best.staffId(), null, "routing"));
				count++;
			}
			return count;
		});
		return assigned == null ? 0 : assigned;
	}

	/**
	 * Sets an agent's presence; going offline puts her conversations in progress back in
	 * the queue, to be routed to others at once.
	 */
	public void presence(String staffId, Presence presence) {
		transactions.executeWithoutResult(status -> {
			agents.lock(staffId).orElseThrow();
			Instant now = clock.instant();
			agents.presence(staffId, presence, now);
			if (presence == Presence.OFFLINE) {
				List<String> released = jdbc.sql("""
						update conversation set assignee_id = null, assigned_at = null, updated_at = :at
						 where assignee_id = :staff and status <> 'RESOLVED' returning id""")
					.param("staff", staffId)
					.param("at", java.sql.Timestamp.from(now))
					.query(String.class)
					.list();
				for (String id : released) {
					events.publishEvent(new ConversationAssigned(new ConversationId(id), null, staffId, "presence"));
				}
			}
		});
		drain();
	}

	/**
	 * A reopened conversation stays with its agent only while she is online; otherwise it
	 * goes back to the queue.
	 */
	public void reopened(ConversationId id) {
		transactions.executeWithoutResult(status -> {
			var conversation = conversations.find(id, true).orElseThrow();
			String assignee = conversation.assigneeId();
			// Read, not locked: an agent going offline locks her row, then her
			// conversations; taking them the other way round could deadlock. If she goes
			// offline meanwhile, her update waits for this row and then releases it too.
			if (assignee != null
					&& agents.find(assignee).map(Agent::presence).orElse(Presence.OFFLINE) != Presence.ONLINE) {
				conversations.assignee(id, null, clock.instant());
				events.publishEvent(new ConversationAssigned(id, null, assignee, "reopened"));
			}
		});
		drain();
	}

	/** A safety net: whatever a lost trigger left waiting is routed within seconds. */
	@Scheduled(fixedDelayString = "${omnis.conversation.routing-sweep:5s}")
	void sweep() {
		drain();
	}

	/** A conversation in the queue: its team's members with its skills may take it. */
	private record Waiting(ConversationId id, ChannelType medium, @Nullable String team, List<String> requiredSkills,
			@Nullable Instant restrictedUntil) {
	}

	/** An online agent during one routing pass, with her load as it grows. */
	private final class Candidate {

		private final Agent agent;

		private final Map<ChannelType, Integer> load;

		private @Nullable Instant lastAssignedAt;

		Candidate(Agent agent) {
			this.agent = agent;
			this.load = new EnumMap<>(ChannelType.class);
			this.load.putAll(agent.load());
			this.lastAssignedAt = agent.lastAssignedAt();
		}

		boolean hasRoomFor(ChannelType medium) {
			int capacity = agent.capacity().getOrDefault(medium, properties.defaultCapacity(medium));
			return load.getOrDefault(medium, 0) < capacity;
		}

		int total() {
			return load.values().stream().mapToInt(Integer::intValue).sum();
		}

		@Nullable Instant lastAssignedAt() {
			return lastAssignedAt;
		}

		String staffId() {
			return agent.staffId();
		}

		void took(ChannelType medium, Instant at) {
			load.merge(medium, 1, Integer::sum);
			lastAssignedAt = at;
		}

	}

}
