package io.omnis.conversation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.CannedReplies;
import io.omnis.conversation.CannedReply;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/conversations/canned-replies}, and a reply's text filled for one
 * conversation.
 */
@RestController
@RequestMapping(path = "/api/v1/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Canned replies")
class CannedReplyController {

	private final CannedReplies replies;

	private final Authors authors;

	CannedReplyController(CannedReplies replies, Authors authors) {
		this.replies = replies;
		this.authors = authors;
	}

	@GetMapping("/canned-replies")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Canned replies by id: all, a team's (`team=<teamId>`) or the global ones (`team=global`)",
			description = "Requires `conversations:read`.")
	Page<CannedReply> list(@RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return replies.page("global".equals(team) ? "" : team, cursor, limit);
	}

	@PostMapping(path = "/canned-replies", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a canned reply",
			description = "Requires `conversations:manage`. Variables: "
					+ "`{{customer.firstName}}`, `{{customer.lastName}}`, `{{customer.name}}`, `{{customer.email}}`, "
					+ "`{{customer.phone}}`, `{{order.latestNumber}}`, `{{agent.name}}`, `{{agent.firstName}}`, "
					+ "`{{conversation.id}}`; any other is refused.")
	CannedReply create(@RequestBody Body body) {
		return replies.create(body.title(), body.body(), body.teamId());
	}

	@GetMapping("/canned-replies/{replyId}")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "One canned reply", description = "Requires `conversations:read`.")
	CannedReply get(@PathVariable String replyId) {
		return replies.get(replyId);
	}

	@PutMapping(path = "/canned-replies/{replyId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Replace a canned reply", description = "Requires `conversations:manage`.")
	CannedReply update(@PathVariable String replyId, @RequestBody Body body) {
		return replies.update(replyId, body.title(), body.body(), body.teamId());
	}

	@DeleteMapping("/canned-replies/{replyId}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a canned reply", description = "Requires `conversations:manage`.")
	void delete(@PathVariable String replyId) {
		replies.delete(replyId);
	}

	@GetMapping("/{id}/canned-replies/{replyId}")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "A canned reply's text for this conversation, its variables filled from the 360",
			description = "Requires `conversations:read`. `missing` lists the variables that had no value.")
	CannedReplies.Filled fill(@PathVariable String id, @PathVariable String replyId, Authentication caller) {
		return replies.fill(replyId, id, authors.of(caller, AuthorKind.AGENT));
	}

	record Body(@Nullable String title, @Nullable String body, @Nullable String teamId) {
	}

}
