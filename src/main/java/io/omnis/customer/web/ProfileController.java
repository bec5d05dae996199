package io.omnis.customer.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.customer.CustomerCopies;
import io.omnis.customer.CustomerCopy;
import io.omnis.customer.Erasure;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.ProfileHistory;
import io.omnis.customer.Profiles;
import io.omnis.customer.Suppression;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/profiles}: the customer 360 over HTTP.
 */
@RestController
@RequestMapping(path = "/api/v1/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Profiles", description = "Unified customer profiles, timeline, consent and merges")
class ProfileController {

	private static final int HISTORY_LIMIT = 200;

	private final Profiles profiles;

	private final CustomerCopies copies;

	ProfileController(Profiles profiles, CustomerCopies copies) {
		this.copies = copies;
		this.profiles = profiles;
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('profiles:read')")
	@Operation(summary = "A profile by id; the id of a merged profile answers with the survivor",
			description = "Requires `profiles:read`.")
	Profile get(@PathVariable String id) {
		return profiles.get(id);
	}

	@GetMapping("/lookup")
	@PreAuthorize("hasAuthority('profiles:read')")
	@Operation(summary = "The profile holding an identifier, e.g. `email:ana@example.com`, `loyalty_card:123`",
			description = "Requires `profiles:read`.")
	Profile lookup(@RequestParam String identifier) {
		Identifier parsed = identifier(identifier, "identifier");
		return profiles.lookup(parsed)
			.orElseThrow(() -> new NotFoundException("No profile holds the identifier '" + parsed + "'"));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('profiles:read')")
	@Operation(summary = "Search by name, e-mail or phone prefix, or any identifier value",
			description = "Requires `profiles:read`.")
	Map<String, List<Profile>> search(@RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) @Nullable Integer limit) {
		int size = limit == null ? 20 : limit;
		if (size < 1 || size > 100) {
			throw ProblemException.invalidField("limit", "must be between 1 and 100");
		}
		return Map.of("data", profiles.search(q, size));
	}

	@GetMapping("/flagged")
	@PreAuthorize("hasAuthority('profiles:read')")
	@Operation(summary = "Profiles that reached a cap (merges, identifiers, traits)",
			description = "Requires `profiles:read`.")
	Map<String, List<Profile>> flagged() {
		return Map.of("data", profiles.flagged(100));
	}

	@GetMapping("/{id}/timeline")
	@PreAuthorize("hasAuthority('profiles:read')")
	@Operation(summary = "Everything the customer did in every channel, newest first",
			description = "Requires `profiles:read`. Filter by `channel` (a channel id) and `type`.")
	Page<ProfileHistory.TimelineEntry> timeline(@PathVariable String id,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String type) {
		return profiles.timeline(id, cursor, limit, channel, type);
	}

	@GetMapping("/{id}/consent")
	@PreAuthorize("hasAuthority('profiles:read')")
	@Operation(summary = "Current consent per purpose and the ledger of statements",
			description = "Requires `profiles:read`.")
	Map<String, Object> consent(@PathVariable String id) {
		Profile profile = profiles.get(id);
		return Map.of("profileId", profile.id(), "current", profile.consent(), "ledger",
				profiles.consentLedger(profile.id(), HISTORY_LIMIT));
	}

	@PostMapping(path = "/{id}/consent", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('profiles:write')")
	@Operation(summary = "Record a consent statement (e.g. taken by an agent)",
			description = "Requires `profiles:write`.")
	Map<String, Object> recordConsent(@PathVariable String id, @RequestBody ConsentStatement body) {
		if (body.purpose() == null) {
			throw ProblemException.invalidField("purpose", "is required");
		}
		if (body.granted() == null) {
			throw ProblemException.invalidField("granted", "is required");
		}
		Profile profile = profiles.recordConsent(id, body.purpose(), body.granted(), body.channelId());
		return Map.of("profileId", profile.id(), "current", profile.consent());
	}

	@GetMapping("/{id}/merges")
	@PreAuthorize("hasAuthority('profiles:read')")
	@Operation(summary = "Merges and splits of the profile, newest first", description = "Requires `profiles:read`.")
	Map<String, Object> merges(@PathVariable String id) {
		return Map.of("data", profiles.merges(id, HISTORY_LIMIT), "decisions", profiles.decisions(id, HISTORY_LIMIT));
	}

	@DeleteMapping("/{id}/identifiers/{identifier}")
	@PreAuthorize("hasAuthority('profiles:merge')")
	@Operation(summary = "Undo a merge: remove an identifier, which takes what came with it to a new profile",
			description = "Requires `profiles:merge`. The identifier is `type:value`, URL-encoded.")
	Map<String, Profile> removeIdentifier(@PathVariable String id, @PathVariable String identifier) {
		Profile splitOff = profiles.removeIdentifier(id, identifier(identifier, "identifier"));
		return Map.of("profile", profiles.get(id), "splitOff", splitOff);
	}

	@GetMapping("/{id}/export")
	@PreAuthorize("hasAuthority('profiles:export')")
	@Operation(summary = "A copy of everything Omnis holds of the customer, for her access request",
			description = "Requires `profiles:export`. Her profile, consent ledger, merge history, every collected event "
					+ "with its whole message, the activities other modules recorded, and each module's section "
					+ "(`orders`: orders and open carts; `conversations`: every thread with every message, private "
					+ "notes included; `returns`: returns and store credit). `truncated` says whether a list reached "
					+ "its limit. Sent as a file to download.")
	ResponseEntity<CustomerCopy> export(@PathVariable String id) {
		CustomerCopy copy = copies.of(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + copy.profileId() + ".json\"")
			.body(copy);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('profiles:erase')")
	@Operation(summary = "Erase the customer at her request, with what every module holds of her",
			description = "Requires `profiles:erase`. Her profile and those merged into it, their identifiers, events, "
					+ "consent ledger, merge history and timeline are deleted; carts, orders, returns, deliveries and "
					+ "conversations keep no name, address, identifier or text of hers. Refused (409, nothing erased) "
					+ "while she has an order in progress or store credit. Cannot be undone. With `suppress` (the "
					+ "default) her identifiers are suppressed: messages naming them are dropped from now on "
					+ "(counted as `suppressed`) instead of making her a new profile; `suppress=false` erases only.")
	Erasure erase(@PathVariable String id, @RequestParam(defaultValue = "true") boolean suppress) {
		return profiles.erase(id, suppress);
	}

	@GetMapping("/suppressions")
	@PreAuthorize("hasAuthority('profiles:erase')")
	@Operation(summary = "Whether an identifier of an erased customer is suppressed, since when and by whom",
			description = "Requires `profiles:erase`. Omnis keeps a salted digest of each suppressed identifier, "
					+ "not its value: it answers for the identifier asked about and cannot list them. 404 when it is "
					+ "not suppressed.")
	Suppression suppression(@RequestParam String identifier) {
		Identifier parsed = identifier(identifier, "identifier");
		return profiles.suppression(parsed).orElseThrow(() -> Suppression.none(parsed));
	}

	@DeleteMapping("/suppressions")
	@PreAuthorize("hasAuthority('profiles:erase')")
	@Operation(summary = "Lift the suppression of an identifier, when she comes back and agrees to be known again",
			description = "Requires `profiles:erase`. Messages naming it are collected again from now on; those "
					+ "dropped meanwhile are not recovered. 404 when it is not suppressed.")
	ResponseEntity<Void> liftSuppression(@RequestParam String identifier) {
		profiles.liftSuppression(identifier(identifier, "identifier"));
		return ResponseEntity.noContent().build();
	}

	private static Identifier identifier(String text, String field) {
		return Identifier.parse(text)
			.orElseThrow(() -> ProblemException.invalidField(field,
					"must be type:value, e.g. email:ana@example.com or phone:+351912345678"));
	}

	record ConsentStatement(@Nullable String purpose, @Nullable Boolean granted, @Nullable String channelId) {
	}

}
