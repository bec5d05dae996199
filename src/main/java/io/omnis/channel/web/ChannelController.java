package io.omnis.channel.web;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.web.ChannelJson.ChannelView;
import io.omnis.channel.web.ChannelJson.CreateChannel;
import io.omnis.channel.web.ChannelJson.CreatedView;
import io.omnis.channel.web.ChannelJson.IssueKey;
import io.omnis.channel.web.ChannelJson.IssuedKeyView;
import io.omnis.channel.web.ChannelJson.RotateKey;
import io.omnis.channel.web.ChannelJson.UpdateChannel;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/channels}: the channel registry over HTTP.
 */
@RestController
@RequestMapping(path = "/api/v1/channels", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Channels", description = "Every touchpoint and its credentials")
class ChannelController {

	private static final Set<Permission> DEFAULT_SCOPES = EnumSet.of(Permission.CHANNELS_READ);

	private final Channels channels;

	ChannelController(Channels channels) {
		this.channels = channels;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('channels:read')")
	@Operation(summary = "List channels, oldest first", description = "Requires `channels:read`.")
	Page<ChannelView> list(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable ChannelType type,
			@RequestParam(required = false) @Nullable ChannelStatus status) {
		return channels.page(cursor, limit, type, status).map(ChannelView::of);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('channels:read')")
	@Operation(summary = "One channel with its keys (never their secrets)", description = "Requires `channels:read`.")
	ChannelView get(@PathVariable String id) {
		return ChannelView.of(channels.get(id));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('channels:manage')")
	@Operation(summary = "Create a channel with a write key and a secret key, shown this once",
			description = "Requires `channels:manage`. Accepts an `Idempotency-Key` header.")
	ResponseEntity<CreatedView> create(@RequestBody CreateChannel body, Authentication caller,
			@Parameter(description = "Makes a retry return the first answer instead of creating again") @RequestHeader(
					name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		required(body.type(), "type");
		required(body.name(), "name");
		Set<Permission> scopes = body.secretKeyScopes() == null ? DEFAULT_SCOPES
				: scopes(body.secretKeyScopes(), "secretKeyScopes", caller);
		Channels.Created created = channels.create(body.type(), body.name(), body.description(), scopes);
		CreatedView view = new CreatedView(ChannelView.of(created.channel()),
				created.keys().stream().map(IssuedKeyView::of).toList());
		return ResponseEntity.created(URI.create("/api/v1/channels/" + created.channel().id())).body(view);
	}

	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('channels:manage')")
	@Operation(summary = "Rename a channel or change its description", description = "Requires `channels:manage`.")
	ChannelView update(@PathVariable String id, @RequestBody UpdateChannel body) {
		return ChannelView.of(channels.update(channels.get(id).id(), body.name(), body.description()));
	}

	@PostMapping("/{id}/disable")
	@PreAuthorize("hasAuthority('channels:manage')")
	@Operation(summary = "Disable a channel: its keys are refused from now on",
			description = "Requires `channels:manage`.")
	ChannelView disable(@PathVariable String id) {
		return ChannelView.of(channels.disable(channels.get(id).id()));
	}

	@PostMapping("/{id}/enable")
	@PreAuthorize("hasAuthority('channels:manage')")
	@Operation(summary = "Enable a disabled channel", description = "Requires `channels:manage`.")
	ChannelView enable(@PathVariable String id) {
		return ChannelView.of(channels.enable(channels.get(id).id()));
	}

	@PostMapping(path = "/{id}/keys", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('channels:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Issue another key; its secret is shown this once",
			description = "Requires `channels:manage`; a key never gets a scope its creator lacks.")
	IssuedKeyView issueKey(@PathVariable String id, @RequestBody IssueKey body, Authentication caller) {
		required(body.kind(), "kind");
		required(body.label(), "label");
		Set<Permission> scopes = body.scopes() == null ? DEFAULT_SCOPES : scopes(body.scopes(), "scopes", caller);
		return IssuedKeyView.of(channels.issueKey(channels.get(id).id(), body.kind(), body.label(), scopes));
	}

	@PostMapping(path = "/{id}/keys/{keyId}/rotate", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('channels:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Replace a key; the old one works for `graceSeconds` more (0 by default)",
			description = "Requires `channels:manage`.")
	IssuedKeyView rotate(@PathVariable String id, @PathVariable String keyId,
			@RequestBody(required = false) @Nullable RotateKey body) {
		long grace = body == null || body.graceSeconds() == null ? 0 : body.graceSeconds();
		if (grace < 0 || grace > Channels.MAX_GRACE.toSeconds()) {
			throw ProblemException.invalidField("graceSeconds",
					"must be between 0 and " + Channels.MAX_GRACE.toSeconds());
		}
		return IssuedKeyView.of(channels.rotateKey(channels.get(id).id(), keyId, Duration.ofSeconds(grace)));
	}

	@DeleteMapping("/{id}/keys/{keyId}")
	@PreAuthorize("hasAuthority('channels:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke a key at once", description = "Requires `channels:manage`.")
	void revoke(@PathVariable String id, @PathVariable String keyId) {
		channels.revokeKey(channels.get(id).id(), keyId);
	}

	private static Set<Permission> scopes(List<String> requested, String field, Authentication caller) {
		Set<Permission> scopes = EnumSet.noneOf(Permission.class);
		for (int i = 0; i < requested.size(); i++) {
			String name = Objects.requireNonNullElse(requested.get(i), "null");
			try {
				scopes.add(Permission.fromAuthority(name));
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.invalidField(field + "[" + i + "]", "must be one of "
						+ EnumSet.allOf(Permission.class).stream().map(Permission::authority).toList());
			}
		}
		Set<String> held = caller.getAuthorities()
			.stream()
			.map(a -> a.getAuthority())
			.collect(java.util.stream.Collectors.toSet());
		List<FieldError> beyond = scopes.stream()
			.filter(scope -> !held.contains(scope.authority()))
			.map(scope -> new FieldError(field, "grants '" + scope.authority() + "', which you do not have"))
			.toList();
		if (!beyond.isEmpty()) {
			throw new ProblemException(ProblemType.FORBIDDEN, "A key cannot get a scope its creator lacks", beyond);
		}
		return scopes;
	}

	private static void required(@Nullable Object value, String field) {
		if (value == null) {
			throw ProblemException.invalidField(field, "is required");
		}
	}

}
