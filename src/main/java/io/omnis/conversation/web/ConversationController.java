package io.omnis.conversation.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Agents;
import io.omnis.conversation.AttachmentFile;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.Status;
import io.omnis.conversation.web.ConversationJson.AgentView;
import io.omnis.conversation.web.ConversationJson.Assignment;
import io.omnis.conversation.web.ConversationJson.ConversationView;
import io.omnis.conversation.web.ConversationJson.MessageView;
import io.omnis.conversation.web.ConversationJson.PresenceChange;
import io.omnis.conversation.web.ConversationJson.Reply;
import io.omnis.conversation.web.ConversationJson.Update;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.ApiKeyAuthentication;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/conversations}: threads, their messages, answers and notes, assignment,
 * resolution, and the agents' presence and capacity.
 */
@RestController
@RequestMapping(path = "/api/v1/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations", description = "One conversation with a customer across channels")
class ConversationController {

	private final Conversations conversations;

	private final Agents agents;

	private final Authors authors;

	ConversationController(Conversations conversations, Agents agents, Authors authors) {
		this.conversations = conversations;
		this.agents = agents;
		this.authors = authors;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Conversations, newest first; in progress unless a status is given",
			description = "Requires `conversations:read`. `assignee=none` lists the unassigned.")
	Page<ConversationView> list(@RequestParam(required = false) @Nullable Status status,
			@RequestParam(required = false) @Nullable String assignee,
			@RequestParam(required = false) @Nullable String profileId,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		String filter = "none".equals(assignee) ? "" : assignee;
		return conversations.page(status, filter, profileId, cursor, limit).map(ConversationView::of);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "One conversation", description = "Requires `conversations:read`.")
	ConversationView get(@PathVariable String id) {
		return ConversationView.of(conversations.get(id));
	}

	@GetMapping("/{id}/messages")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "The thread, oldest first, in every channel, with private notes",
			description = "Requires `conversations:read`.")
	Page<MessageView> messages(@PathVariable String id, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return conversations.messages(id, true, cursor, limit).map(MessageView::of);
	}

	@PostMapping(path = "/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Answer the customer, or write a private note",
			description = "Requires `conversations:write`. Goes out in the channel type of her last message "
					+ "unless `channel` names another (CHAT or EMAIL).")
	MessageView reply(@PathVariable String id, @RequestBody Reply body, Authentication caller) {
		if (body.body() == null) {
			throw ProblemException.invalidField("body", "is required");
		}
		if (body.author() != null && body.author() != AuthorKind.AGENT && body.author() != AuthorKind.ASSISTANT) {
			throw ProblemException.invalidField("author", "must be AGENT or ASSISTANT");
		}
		return MessageView.of(conversations.reply(id, body.body(), Boolean.TRUE.equals(body.privateNote()),
				body.channel(), authors.of(caller, body.author())));
	}

	@PostMapping(path = "/{id}/assignment", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "Assign or transfer to an agent (or back to the queue with no assigneeId), with a note",
			description = "Requires `conversations:write`. Never to an offline agent.")
	ConversationView assign(@PathVariable String id, @RequestBody Assignment body, Authentication caller) {
		return ConversationView
			.of(conversations.assign(id, body.assigneeId(), body.note(), authors.of(caller, AuthorKind.AGENT)));
	}

	@PostMapping("/{id}/resolve")
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "Resolve", description = "Requires `conversations:write`.")
	ConversationView resolve(@PathVariable String id, Authentication caller) {
		return ConversationView.of(conversations.resolve(id, authors.of(caller, AuthorKind.AGENT)));
	}

	@PostMapping("/{id}/reopen")
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "Reopen a resolved conversation; it goes to an available agent",
			description = "Requires `conversations:write`.")
	ConversationView reopen(@PathVariable String id, Authentication caller) {
		return ConversationView.of(conversations.reopen(id, authors.of(caller, AuthorKind.AGENT)));
	}

	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "Set the priority and team", description = "Requires `conversations:write`.")
	ConversationView update(@PathVariable String id, @RequestBody Update body) {
		Conversation conversation = conversations.get(id);
		return ConversationView
			.of(conversations.prioritise(id, body.priority() == null ? conversation.priority() : body.priority(),
					body.team() == null ? conversation.team() : body.team()));
	}

	@GetMapping(path = "/{id}/attachments/{attachmentId}", produces = MediaType.ALL_VALUE)
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Download a file of the thread (always as an attachment)",
			description = "Requires `conversations:read`.")
	ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable String attachmentId) {
		AttachmentFile file = conversations.attachment(id, attachmentId);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(file.filename(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(file.content());
	}

	@GetMapping("/agents")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "The agents with their presence, capacity and load",
			description = "Requires `conversations:read`.")
	Map<String, Object> agents() {
		return Map.of("data", agents.all().stream().map(AgentView::of).toList());
	}

	@PutMapping(path = "/agents/me/presence", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "Set your own presence (console session of an agent)",
			description = "Requires `conversations:write`. Going offline puts your conversations back in the queue.")
	AgentView myPresence(@RequestBody PresenceChange body, Authentication caller) {
		if (caller instanceof ApiKeyAuthentication) {
			throw new ProblemException(ProblemType.FORBIDDEN, "Only a signed-in agent has a presence");
		}
		return AgentView.of(agents.presenceOf(caller.getName(), presence(body)));
	}

	@PutMapping(path = "/agents/{staffId}/presence", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Set an agent's presence", description = "Requires `conversations:manage`.")
	AgentView presence(@PathVariable String staffId, @RequestBody PresenceChange body) {
		return AgentView.of(agents.presence(staffId, presence(body)));
	}

	@PutMapping(path = "/agents/{staffId}/capacity", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Set how many conversations in progress an agent takes per channel type",
			description = "Requires `conversations:manage`. Body: `{\"CHAT\": 3, \"EMAIL\": 8}`.")
	AgentView capacity(@PathVariable String staffId, @RequestBody Map<ChannelType, Integer> body) {
		return AgentView.of(agents.capacity(staffId, body));
	}

	private static io.omnis.conversation.Presence presence(PresenceChange body) {
		if (body.presence() == null) {
			throw ProblemException.invalidField("presence", "is required");
		}
		return body.presence();
	}

}
