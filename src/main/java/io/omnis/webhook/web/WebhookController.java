package io.omnis.webhook.web;

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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.webhook.Subscription;
import io.omnis.webhook.Webhooks;

/**
 * {@code /api/v1/webhooks}: subscriptions to conversation and message events, and each
 * delivery with the answer of every attempt.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Webhooks", description = "Conversation and message events, signed per Standard Webhooks")
class WebhookController {

	private final Webhooks webhooks;

	WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	record SubscriptionView(String id, String url, List<String> eventTypes, String secret, @Nullable String description,
			boolean enabled, Instant createdAt, Instant updatedAt) {

		static SubscriptionView of(Subscription s) {
			return new SubscriptionView(s.id(), s.url(), s.eventTypes(), s.secret(), s.description(), s.enabled(),
					s.createdAt(), s.updatedAt());
		}

	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Webhook subscriptions", description = "Requires `conversations:manage`.")
	Map<String, Object> all() {
		return Map.of("data", webhooks.all().stream().map(SubscriptionView::of).toList(), "eventTypes",
				Webhooks.EVENT_TYPES.stream().sorted().toList());
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Subscribe a URL to event types",
			description = "Requires `conversations:manage`. Body: `{\"url\", \"eventTypes\": [\"message.received\"] "
					+ "or [\"*\"], \"secret\": \"whsec_…\" (optional: made when absent), \"description\"}`.")
	SubscriptionView create(@RequestBody Webhooks.Input body) {
		return SubscriptionView.of(webhooks.create(body));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "One subscription, with its secret", description = "Requires `conversations:manage`.")
	SubscriptionView get(@PathVariable String id) {
		return SubscriptionView.of(webhooks.get(id));
	}

	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Change the URL, event types, secret, description or enabled",
			description = "Requires `conversations:manage`.")
	SubscriptionView update(@PathVariable String id, @RequestBody Webhooks.Input body) {
		return SubscriptionView.of(webhooks.update(id, body));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a subscription and its deliveries", description = "Requires `conversations:manage`.")
	void delete(@PathVariable String id) {
		webhooks.delete(id);
	}

	@GetMapping("/{id}/deliveries")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Latest deliveries, newest first, with every attempt's status code and answer",
			description = "Requires `conversations:manage`.")
	Map<String, List<Webhooks.Delivery>> deliveries(@PathVariable String id,
			@RequestParam(required = false) @Nullable Integer limit) {
		return Map.of("data", webhooks.deliveries(id, limit == null ? 50 : limit));
	}

}
