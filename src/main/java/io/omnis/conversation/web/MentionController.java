package io.omnis.conversation.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.Mention;
import io.omnis.conversation.Mentions;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.ApiKeyAuthentication;
import io.omnis.kernel.web.Page;
import io.omnis.staff.Staff;
import io.omnis.staff.StaffMember;

/**
 * {@code /api/v1/conversations/mentions}: where colleagues named a staff member in their
 * private notes.
 */
@RestController
@RequestMapping(path = "/api/v1/conversations/mentions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Mentions")
class MentionController {

	private final Mentions mentions;

	private final Staff staff;

	MentionController(Mentions mentions, Staff staff) {
		this.mentions = mentions;
		this.staff = staff;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "A staff member's mentions, newest first",
			description = "Requires `conversations:read`. A signed-in staff member gets hers; an API key names "
					+ "`staffId`. `unread=true` leaves out those read.")
	Page<Mention> list(@RequestParam(required = false) @Nullable String staffId,
			@RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit, Authentication caller) {
		return mentions.of(whose(staffId, caller), unread, cursor, limit);
	}

	@PostMapping("/{mentionId}/read")
	@PreAuthorize("hasAuthority('conversations:write')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Mark a mention read", description = "Requires `conversations:write`.")
	void read(@PathVariable String mentionId, @RequestParam(required = false) @Nullable String staffId,
			Authentication caller) {
		mentions.read(mentionId, whose(staffId, caller));
	}

	private String whose(@Nullable String staffId, Authentication caller) {
		if (!(caller instanceof ApiKeyAuthentication)) {
			String own = staff.findByUsername(caller.getName()).map(StaffMember::id).orElse("");
			if (staffId != null && !staffId.equals(own)) {
				throw new ProblemException(ProblemType.FORBIDDEN, "Staff members see their own mentions");
			}
			return own;
		}
		if (staffId == null || staffId.isBlank()) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'staffId' is required with an API key",
					List.of(new FieldError("staffId", "is required")));
		}
		return staffId;
	}

}
