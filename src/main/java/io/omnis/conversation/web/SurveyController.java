package io.omnis.conversation.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.Conversations;
import io.omnis.conversation.quality.Surveys;
import io.omnis.kernel.problem.NotFoundException;

/**
 * The satisfaction survey: answered by the customer through the signed link (no other
 * credential), read by staff on the conversation.
 */
@RestController
@Tag(name = "Satisfaction surveys", description = "CSAT after resolution, answered once through a signed link")
class SurveyController {

	private final Surveys surveys;

	private final Conversations conversations;

	SurveyController(Surveys surveys, Conversations conversations) {
		this.surveys = surveys;
		this.conversations = conversations;
	}

	record Answer(@Nullable Integer rating, @Nullable String comment) {
	}

	record SurveyView(String id, String conversationId, String channelType, String state, @Nullable String note,
			Instant sentAt, @Nullable Integer rating, @Nullable String comment, @Nullable Instant answeredAt) {

		static SurveyView of(Surveys.Survey s) {
			return new SurveyView(s.id(), s.conversationId().value(), s.medium(), s.state(), s.note(), s.sentAt(),
					s.rating(), s.comment(), s.answeredAt());
		}

	}

	@PostMapping(path = "/survey/{token}/answer", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Answer a satisfaction survey (the customer, through the link's token)",
			description = "No authentication: the signed token is the credential. Body: `{\"rating\": 1-5, "
					+ "\"comment\": \"...\"}`. A second answer is refused with 409.")
	SurveyView answer(@PathVariable String token, @RequestBody Answer body) {
		Surveys.Survey survey = surveys.answer(token, body.rating(), body.comment());
		return SurveyView.of(survey);
	}

	@GetMapping(path = "/api/v1/conversations/{id}/survey", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "The conversation's satisfaction survey and its answer",
			description = "Requires `conversations:read`.")
	SurveyView ofConversation(@PathVariable String id) {
		return surveys.ofConversation(conversations.get(id).id())
			.map(SurveyView::of)
			.orElseThrow(() -> new NotFoundException("No survey was sent for conversation " + id));
	}

}
