package io.omnis.staff;

import java.time.Instant;

import io.omnis.kernel.security.Role;

/**
 * A person who signs in to the console, with one role.
 */
public record StaffMember(String id, String username, String displayName, Role role, boolean enabled,
		Instant createdAt) {
}
