package io.omnis.conversation.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.Conversations;
import io.omnis.conversation.messaging.MediaDownloads;

/**
 * The files SMS, WhatsApp, Messenger and Instagram messages linked to, and whether each
 * was fetched into the conversation's attachments or why not.
 */
@RestController
@Tag(name = "Conversations")
class MediaController {

	private final MediaDownloads downloads;

	private final Conversations conversations;

	MediaController(MediaDownloads downloads, Conversations conversations) {
		this.downloads = downloads;
		this.conversations = conversations;
	}

	@GetMapping(path = "/api/v1/conversations/{id}/media", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "The linked files of the conversation's messages: PENDING, STORED (attachmentId) or FAILED "
			+ "(failure)", description = "Requires `conversations:read`. Oldest first, at most 500.")
	Map<String, List<MediaDownloads.Download>> media(@PathVariable String id) {
		return Map.of("data", downloads.ofConversation(conversations.get(id).id().value()));
	}

}
