package io.omnis.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A team of agents with its own queue: conversations routed to it (its {@code name} is
 * the conversation's {@code team}) go to its members.
 *
 * @param members the staff ids of its agents
 */
public record Team(String id, String name, List<String> members, Instant createdAt) {

	public static final String PREFIX = "team";

}
