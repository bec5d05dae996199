package io.omnis.conversation.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.Merge;
import io.omnis.conversation.Merges;
import io.omnis.conversation.Status;
import io.omnis.conversation.Tags;
import io.omnis.conversation.web.ConversationJson.ConversationView;
import io.omnis.kernel.web.Page;

/**
 * Tags on conversations, the inbox filtered by tag or team, and merging two
 * conversations.
 */
@RestController
@RequestMapping(path = "/api/v1/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversation tags and merges")
class TagController {

	private final Tags tags;

	private final Merges merges;

	private final Authors authors;

	TagController(Tags tags, Merges merges, Authors authors) {
		this.tags = tags;
		this.merges = merges;
		this.authors = authors;
	}

	@GetMapping(params = "tag")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Conversations with a tag (and in a team's queue with `team`), newest first",
			description = "Requires `conversations:read`. In progress unless a status is given.")
	Page<ConversationView> byTag(@RequestParam String tag, @RequestParam(required = false) @Nullable String team,
			@RequestParam(required = false) @Nullable Status status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return tags.page(status, team == null ? null : List.of(team), tag, cursor, limit).map(ConversationView::of);
	}

	@GetMapping(params = { "team", "!tag" })
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Conversations in a team's queue, newest first",
			description = "Requires `conversations:read`. In progress unless a status is given.")
	Page<ConversationView> byTeam(@RequestParam String team, @RequestParam(required = false) @Nullable Status status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return tags.page(status, List.of(team), null, cursor, limit).map(ConversationView::of);
	}

	@GetMapping("/{id}/tags")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "A conversation's tags", description = "Requires `conversations:read`.")
	Map<String, List<String>> tags(@PathVariable String id) {
		return Map.of("tags", tags.of(id));
	}

	@PostMapping(path = "/{id}/tags", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "Tag a conversation", description = "Requires `conversations:write`. At most " + Tags.MAX_TAGS
			+ " tags of 1 to 32 letters, digits, '-' or '_' (stored in lower case).")
	Map<String, List<String>> tag(@PathVariable String id, @RequestBody NewTag body, Authentication caller) {
		return Map.of("tags", tags.add(id, body.tag(), authors.of(caller, AuthorKind.AGENT)));
	}

	@DeleteMapping("/{id}/tags/{tag}")
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "Take a tag off", description = "Requires `conversations:write`.")
	Map<String, List<String>> untag(@PathVariable String id, @PathVariable String tag) {
		return Map.of("tags", tags.remove(id, tag));
	}

	@PostMapping(path = "/{id}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Merge this conversation into another (`into`)",
			description = "Requires `conversations:write`. Its messages move into the other in time order; it is "
					+ "resolved with `mergedInto`. Refused into itself, a merged or a resolved one.")
	MergeView merge(@PathVariable String id, @RequestBody Into body, Authentication caller) {
		return MergeView.of(merges.merge(id, body.into(), authors.of(caller, AuthorKind.AGENT)));
	}

	@GetMapping("/{id}/merges")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "The merges into this conversation, or the one that merged it away",
			description = "Requires `conversations:read`.")
	Map<String, List<MergeView>> merges(@PathVariable String id) {
		return Map.of("data", merges.of(id).stream().map(MergeView::of).toList());
	}

	record NewTag(@Nullable String tag) {
	}

	record MergeView(String merged, String survivor, String mergedBy, int messagesMoved, Instant mergedAt) {

		static MergeView of(Merge merge) {
			return new MergeView(merge.merged().value(), merge.survivor().value(), merge.mergedBy(),
					merge.messagesMoved(), merge.mergedAt());
		}

	}

	record Into(@Nullable String into) {
	}

}
