package io.omnis.conversation.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.assistant.AssistantChannels;

/**
 * {@code /api/v1/assistant/channels}: the chat and messaging channels where the
 * self-service assistant answers first.
 */
@RestController
@RequestMapping(path = "/api/v1/assistant/channels", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Self-service assistant", description = "Answers from the knowledge base, then hands over to people")
class AssistantController {

	private final AssistantChannels channels;

	AssistantController(AssistantChannels channels) {
		this.channels = channels;
	}

	record Settings(@Nullable String locale) {
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Channels where the assistant answers", description = "Requires `conversations:read`.")
	Map<String, List<AssistantChannels.Enabled>> all() {
		return Map.of("data", channels.all());
	}

	@PutMapping(path = "/{channelId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Let the assistant answer new conversations of a chat or messaging channel",
			description = "Requires `conversations:manage`. Body: `{\"locale\": \"en\"}` (the knowledge base "
					+ "locale it answers from).")
	AssistantChannels.Enabled enable(@PathVariable String channelId, @RequestBody Settings body) {
		return channels.enable(channelId, body.locale());
	}

	@DeleteMapping("/{channelId}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Stop the assistant on a channel", description = "Requires `conversations:manage`.")
	void disable(@PathVariable String channelId) {
		channels.disable(channelId);
	}

}
