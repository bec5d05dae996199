package io.omnis.conversation.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import io.omnis.conversation.sla.SlaWatch;

/**
 * The inbox view of conversations whose service-level clocks are at risk or breached,
 * soonest due first, refreshed as the inbox changes and every few seconds.
 */
@Controller
@RequestMapping("/console/conversations/sla-at-risk")
class SlaPages {

	private final SlaWatch watch;

	SlaPages(SlaWatch watch) {
		this.watch = watch;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:read')")
	String page(Model model) {
		model.addAttribute("view", "sla");
		model.addAttribute("clocks", watch.atRisk(200));
		return "conversation/sla-at-risk";
	}

	@GetMapping("/rows")
	@PreAuthorize("hasAuthority('conversations:read')")
	String rows(Model model) {
		model.addAttribute("clocks", watch.atRisk(200));
		return "conversation/sla-at-risk :: rows";
	}

}
