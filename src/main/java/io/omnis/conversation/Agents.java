package io.omnis.conversation;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.internal.AgentStore;
import io.omnis.conversation.internal.Router;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;
import io.omnis.staff.StaffMember;

/**
 * The agents who answer conversations: their presence (which routing follows) and their
 * capacity per channel type. Every staff member with the AGENT role can be one.
 */
@Service
public class Agents {

	private final AgentStore store;

	private final Router router;

	private final Staff staff;

	private final Clock clock;

	Agents(AgentStore store, Router router, Staff staff, Clock clock) {
		this.store = store;
		this.router = router;
		this.staff = staff;
		this.clock = clock;
	}

	/**
	 * Sets the presence of the signed-in staff member, who must be an agent.
	 */
	public Agent presenceOf(String username, Presence presence) {
		StaffMember member = staff.findByUsername(username)
			.filter(StaffMember::enabled)
			.orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN, "Only agents take conversations"));
		if (member.role() != Role.AGENT) {
			throw new ProblemException(ProblemType.FORBIDDEN,
					"Only staff members with the Agent role take conversations");
		}
		store.insertIfAbsent(member.id(), member.displayName(), clock.instant());
		router.presence(member.id(), presence);
		return get(member.id());
	}

	/** Sets an agent's presence (a supervisor taking someone offline). */
	public Agent presence(String staffId, Presence presence) {
		get(staffId);
		router.presence(staffId, presence);
		return get(staffId);
	}

	@Transactional
	public Agent capacity(String staffId, Map<ChannelType, Integer> capacities) {
		get(staffId);
		capacities.forEach((medium, capacity) -> {
			if (capacity < 0 || capacity > 1000) {
				throw ProblemException.invalidField("capacity." + medium, "must be between 0 and 1000");
			}
		});
		capacities.forEach((medium, capacity) -> store.capacity(staffId, medium, capacity));
		router.drain();
		return get(staffId);
	}

	public Agent get(String staffId) {
		return store.find(staffId).orElseThrow(() -> new NotFoundException("agent", staffId));
	}

	/** The agent a console user is, if she is one. */
	public java.util.Optional<Agent> ofUser(String username) {
		return staff.findByUsername(username).flatMap(member -> store.find(member.id()));
	}

	public List<Agent> all() {
		return store.all();
	}

}
