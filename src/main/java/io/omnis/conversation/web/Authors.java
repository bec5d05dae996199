package io.omnis.conversation.web;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import io.omnis.conversation.Author;
import io.omnis.conversation.AuthorKind;
import io.omnis.kernel.security.ApiKeyAuthentication;
import io.omnis.staff.Staff;

/**
 * Who is writing: a signed-in staff member by her id and name, or an API key.
 */
@Component
class Authors {

	private final Staff staff;

	Authors(Staff staff) {
		this.staff = staff;
	}

	Author of(Authentication caller, @Nullable AuthorKind kind) {
		AuthorKind as = kind == null ? AuthorKind.AGENT : kind;
		if (caller instanceof ApiKeyAuthentication api) {
			return new Author(as, "key:" + api.getName(), as == AuthorKind.ASSISTANT ? "Assistant" : "API");
		}
		return staff.findByUsername(caller.getName())
			.map(member -> new Author(as, member.id(), member.displayName()))
			.orElse(new Author(as, "user:" + caller.getName(), caller.getName()));
	}

}
