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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Queueing;
import io.omnis.conversation.RoutingRule;
import io.omnis.conversation.Team;
import io.omnis.conversation.Teams;

/**
 * {@code /api/v1/conversations/teams}, the agents' skills, the routing rules and where a
 * conversation waits.
 */
@RestController
@RequestMapping(path = "/api/v1/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversation teams", description = "Teams, skills and routing rules")
class TeamController {

	private final Teams teams;

	TeamController(Teams teams) {
		this.teams = teams;
	}

	@GetMapping("/teams")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "The teams with their members", description = "Requires `conversations:read`.")
	Map<String, List<Team>> teams() {
		return Map.of("data", teams.all());
	}

	@PostMapping(path = "/teams", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a team", description = "Requires `conversations:manage`. Its name is the "
			+ "conversation's `team` (and the SLA policies' and measures' team).")
	Team create(@RequestBody NewTeam body) {
		return teams.create(body.name(), body.members());
	}

	@GetMapping("/teams/{teamId}")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "One team", description = "Requires `conversations:read`.")
	Team team(@PathVariable String teamId) {
		return teams.get(teamId);
	}

	@PutMapping(path = "/teams/{teamId}/members", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Replace a team's members (staff ids of agents)",
			description = "Requires `conversations:manage`.")
	Team members(@PathVariable String teamId, @RequestBody Members body) {
		return teams.members(teamId, body.members());
	}

	@GetMapping("/agents/{staffId}/skills")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "An agent's skills and teams", description = "Requires `conversations:read`.")
	Map<String, List<String>> skills(@PathVariable String staffId) {
		return Map.of("skills", teams.skillsOf(staffId), "teams", teams.namesOf(staffId));
	}

	@PutMapping(path = "/agents/{staffId}/skills", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Replace an agent's skills",
			description = "Requires `conversations:manage`. `language:fr`, `topic:returns`, `channel:sms`.")
	Map<String, List<String>> setSkills(@PathVariable String staffId, @RequestBody Skills body) {
		return Map.of("skills", teams.skills(staffId, body.skills()), "teams", teams.namesOf(staffId));
	}

	@GetMapping("/routing-rules")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "The routing rules in the order they are tried",
			description = "Requires `conversations:read`.")
	Map<String, List<RoutingRule>> rules() {
		return Map.of("data", teams.rules());
	}

	@PostMapping(path = "/routing-rules", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a routing rule", description = "Requires `conversations:manage`. Conditions left out "
			+ "match anything; skills left out are those the conditions name.")
	RoutingRule addRule(@RequestBody NewRule body) {
		return teams.addRule(body.name(), body.position(), body.language(), body.topic(), body.keywords(),
				body.channelType(), body.teamId(), body.skills(), body.widenAfterMinutes());
	}

	@DeleteMapping("/routing-rules/{ruleId}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a routing rule", description = "Requires `conversations:manage`.")
	void deleteRule(@PathVariable String ruleId) {
		teams.deleteRule(ruleId);
	}

	@GetMapping("/{id}/routing")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Where a conversation waits: team, language, topic, skills, tags, merge",
			description = "Requires `conversations:read`.")
	QueueingView routing(@PathVariable String id) {
		return QueueingView.of(teams.queueing(id));
	}

	@PatchMapping(path = "/{id}/routing", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:write')")
	@Operation(summary = "Correct the language or topic of a waiting conversation; the rules route it again",
			description = "Requires `conversations:write`. 409 once an agent has it.")
	QueueingView classify(@PathVariable String id, @RequestBody Subject body) {
		return QueueingView.of(teams.classify(id, body.language(), body.topic()));
	}

	record NewTeam(@Nullable String name, @Nullable List<String> members) {
	}

	record Members(@Nullable List<String> members) {
	}

	record Skills(@Nullable List<String> skills) {
	}

	record NewRule(@Nullable String name, @Nullable Integer position, @Nullable String language, @Nullable String topic,
			@Nullable List<String> keywords, @Nullable ChannelType channelType, @Nullable String teamId,
			@Nullable List<String> skills, @Nullable Integer widenAfterMinutes) {
	}

	record QueueingView(String conversationId, @Nullable String team, @Nullable String language, @Nullable String topic,
			List<String> requiredSkills, @Nullable Instant restrictedUntil, @Nullable String mergedInto,
			List<String> tags) {

		static QueueingView of(Queueing q) {
			return new QueueingView(q.conversationId().value(), q.team(), q.language(), q.topic(), q.requiredSkills(),
					q.restrictedUntil(), q.mergedInto(), q.tags());
		}

	}

	record Subject(@Nullable String language, @Nullable String topic) {
	}

}
