package io.omnis.customer.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.omnis.channel.Channel;
import io.omnis.channel.Channels;
import io.omnis.customer.CustomerPanels;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;

/**
 * The console's customer pages: search, and the customer 360 with identifiers and where
 * they came from, traits, consent, channels, what other modules hold of her (orders,
 * carts, conversations), timeline and merge history with undo.
 */
@Controller
@RequestMapping("/console/customers")
class CustomerPages {

	private static final int PANEL_ROWS = 20;

	/** The purposes the consent form offers; the API takes configured ones too. */
	static final List<String> PURPOSES = List.of("analytics", "personalisation", "advertising", "email_marketing",
			"sms_marketing");

	/** Recently active customers the page shows before a search. */
	static final int RECENT = 20;

	private final Profiles profiles;

	private final Channels channels;

	private final CustomerPanels panels;

	CustomerPages(Profiles profiles, Channels channels, CustomerPanels panels) {
		this.profiles = profiles;
		this.channels = channels;
		this.panels = panels;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('profiles:read')")
	String search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) @Nullable String erased,
			@RequestParam(required = false) @Nullable String lifted, Model model, Authentication user) {
		model.addAttribute("q", q);
		model.addAttribute("erased", erased);
		model.addAttribute("lifted", lifted);
		model.addAttribute("results", q.isBlank() ? java.util.List.of() : profiles.search(q, 50));
		model.addAttribute("recent", q.isBlank() ? profiles.recentlyActive(RECENT) : java.util.List.of());
		model.addAttribute("flagged", profiles.flagged(20));
		// An identifier typed whole may be an erased customer's, suppressed: say so to
		// those who may lift it
		if (holds(user, Permission.PROFILES_ERASE)) {
			Identifier.parse(q.strip())
				.flatMap(profiles::suppression)
				.ifPresent(suppression -> model.addAttribute("suppression", suppression));
		}
		return "customer/customers";
	}

	/**
	 * Lifts the suppression of an erased customer's identifier, when she came back and
	 * agreed to be known again.
	 */
	@PostMapping("/suppressions/lift")
	@PreAuthorize("hasAuthority('profiles:erase')")
	String liftSuppression(@RequestParam String identifier) {
		Identifier parsed = Identifier.parse(identifier)
			.orElseThrow(() -> ProblemException.invalidField("identifier", "must be type:value"));
		profiles.liftSuppression(parsed);
		return "redirect:/console/customers?lifted=" + parsed.type();
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('profiles:read')")
	String profile(@PathVariable String id, @RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String type, Model model, Authentication user) {
		Profile profile = profiles.get(id);
		if (!profile.id().equals(id)) {
			return "redirect:/console/customers/" + profile.id();
		}
		model.addAttribute("profile", profile);
		timeline(id, null, channel, type, model);
		model.addAttribute("timelineTypes", profiles.timelineTypes(profile));
		model.addAttribute("merges", profiles.merges(id, 50));
		model.addAttribute("decisions", profiles.decisions(id, 20));
		model.addAttribute("consentLedger", profiles.consentLedger(id, 50));
		model.addAttribute("channelNames", channelNames());
		model.addAttribute("panels", panels.of(profile,
				user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList(), PANEL_ROWS));
		model.addAttribute("canUndo", holds(user, Permission.PROFILES_MERGE));
		model.addAttribute("canErase", holds(user, Permission.PROFILES_ERASE));
		model.addAttribute("canExport", holds(user, Permission.PROFILES_EXPORT));
		model.addAttribute("canRecordConsent", holds(user, Permission.PROFILES_WRITE));
		model.addAttribute("purposes", PURPOSES);
		return "customer/profile";
	}

	/**
	 * Records a consent statement the customer made to the user (on the phone, at a
	 * counter), through the channel chosen; a refused purpose is said on the page.
	 */
	@PostMapping("/{id}/consent")
	@PreAuthorize("hasAuthority('profiles:write')")
	String recordConsent(@PathVariable String id, @RequestParam(defaultValue = "") String purpose,
			@RequestParam(defaultValue = "") String choice, @RequestParam(required = false) @Nullable String channel,
			RedirectAttributes redirect) {
		try {
			if (!choice.equals("granted") && !choice.equals("denied")) {
				throw ProblemException.invalidField("choice", "must be granted or denied");
			}
			profiles.recordConsent(id, purpose, choice.equals("granted"),
					channel == null || channel.isBlank() ? null : channels.get(channel).id().value());
		}
		catch (ProblemException refused) {
			redirect.addFlashAttribute("consentError", refused.getMessage());
		}
		return "redirect:/console/customers/" + profiles.get(id).id() + "#consent";
	}

	@GetMapping("/{id}/timeline")
	@PreAuthorize("hasAuthority('profiles:read')")
	String timelinePage(@PathVariable String id, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String type, Model model) {
		model.addAttribute("profile", profiles.get(id));
		timeline(id, cursor, channel, type, model);
		model.addAttribute("channelNames", channelNames());
		return "customer/profile :: timelineRows";
	}

	/**
	 * A page of the timeline, filtered by channel and type when given (a blank choice of
	 * the filter form is no filter).
	 */
	private void timeline(String id, @Nullable String cursor, @Nullable String channel, @Nullable String type,
			Model model) {
		String channelId = channel == null || channel.isBlank() ? null : channel;
		String typeName = type == null || type.isBlank() ? null : type;
		model.addAttribute("timeline", profiles.timeline(id, cursor, 50, channelId, typeName));
		model.addAttribute("timelineChannel", channelId);
		model.addAttribute("timelineType", typeName);
	}

	@PostMapping("/{id}/identifiers/remove")
	@PreAuthorize("hasAuthority('profiles:merge')")
	String removeIdentifier(@PathVariable String id, @RequestParam String identifier) {
		Identifier parsed = Identifier.parse(identifier)
			.orElseThrow(() -> ProblemException.invalidField("identifier", "must be type:value"));
		Profile splitOff = profiles.removeIdentifier(id, parsed);
		return "redirect:/console/customers/" + splitOff.id();
	}

	/**
	 * Erases the customer once the user has typed her profile id, so that no stray click
	 * can: what goes and what refuses is {@link Profiles#erase}'s.
	 */
	@PostMapping("/{id}/erase")
	@PreAuthorize("hasAuthority('profiles:erase')")
	String erase(@PathVariable String id, @RequestParam(defaultValue = "") String confirm,
			@RequestParam(defaultValue = "false") boolean suppress, RedirectAttributes redirect) {
		String live = profiles.get(id).id();
		try {
			if (!confirm.strip().equals(live)) {
				throw ProblemException.invalidField("confirm", "must be the customer's profile id, " + live);
			}
			profiles.erase(live, suppress);
			return "redirect:/console/customers?erased=" + live + (suppress ? "&suppressed" : "");
		}
		catch (ProblemException refused) {
			redirect.addFlashAttribute("eraseError", refused.getMessage());
			return "redirect:/console/customers/" + live + "#erase";
		}
	}

	private static boolean holds(Authentication user, Permission permission) {
		return user.getAuthorities().stream().anyMatch(a -> permission.authority().equals(a.getAuthority()));
	}

	private Map<String, String> channelNames() {
		Map<String, String> names = new HashMap<>();
		String cursor = null;
		do {
			var page = channels.page(cursor, 200, null, null);
			for (Channel channel : page.data()) {
				names.put(channel.id().value(), channel.name());
			}
			cursor = page.nextCursor();
		}
		while (cursor != null && names.size() < 5000);
		return names;
	}

	@Bean
	static NavigationItem customersNavigation() {
		return new NavigationItem("Customers", "/console/customers", 20, Permission.PROFILES_READ.authority());
	}

}
