package io.omnis.conversation.phone;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import io.omnis.customer.Profile;
import io.omnis.customer.ProfileHistory;
import io.omnis.customer.Profiles;

/**
 * The calls panel of the agent's inbox: each call ringing or in progress with the
 * caller's customer 360 (identifiers, consent, what she did lately), reloaded whenever
 * the console hears of a call.
 */
@Controller
@RequestMapping("/console/calls")
class CallPages {

	private final Calls calls;

	private final Profiles profiles;

	CallPages(Calls calls, Profiles profiles) {
		this.calls = calls;
		this.profiles = profiles;
	}

	/** A call with what is known of the caller. */
	record Row(Call call, @Nullable Profile profile, String name, List<ProfileHistory.TimelineEntry> recently) {
	}

	@GetMapping("/live")
	@PreAuthorize("hasAuthority('conversations:read')")
	String live(Model model) {
		model.addAttribute("calls", calls.live().stream().map(this::row).toList());
		return "conversation/calls :: live";
	}

	private Row row(Call call) {
		Profile profile = profiles.find(call.profileId()).orElse(null);
		String name = profile == null ? call.caller() : profile.traits().path("name").asString(call.caller());
		return new Row(call, profile, name,
				profile == null ? List.of() : profiles.timeline(profile.id(), null, 5, null, null).data());
	}

}
