package io.omnis.webhook.web;

import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;
import io.omnis.webhook.Subscription;
import io.omnis.webhook.Webhooks;

/**
 * The console's webhooks: the subscriptions (subscribe a URL, turn one off or on, delete
 * it), and a subscription's latest deliveries with what the endpoint answered to each
 * attempt.
 */
@Controller
@RequestMapping("/console/webhooks")
class WebhookPages {

	private final Webhooks webhooks;

	WebhookPages(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:manage')")
	String list(Model model) {
		model.addAttribute("subscriptions", webhooks.all());
		model.addAttribute("eventTypes", new TreeSet<>(Webhooks.EVENT_TYPES));
		return "webhook/webhooks";
	}

	/**
	 * Subscribes a URL; its signing secret is generated and shown once, on the
	 * subscription's page. A refused URL or event type is said on the form.
	 */
	@PostMapping
	@PreAuthorize("hasAuthority('conversations:manage')")
	String create(@RequestParam(defaultValue = "") String url,
			@RequestParam(required = false) @Nullable List<String> eventTypes,
			@RequestParam(required = false) @Nullable String description, Model model, RedirectAttributes redirect) {
		try {
			Subscription created = webhooks
				.create(new Webhooks.Input(url, eventTypes == null || eventTypes.isEmpty() ? List.of("*") : eventTypes,
						null, description == null || description.isBlank() ? null : description, true));
			redirect.addFlashAttribute("secret", created.secret());
			return "redirect:/console/webhooks/" + created.id();
		}
		catch (ProblemException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("url", url);
			return list(model);
		}
	}

	@PostMapping("/{id}/enabled")
	@PreAuthorize("hasAuthority('conversations:manage')")
	String enable(@PathVariable String id, @RequestParam boolean enabled) {
		webhooks.update(id, new Webhooks.Input(null, null, null, null, enabled));
		return "redirect:/console/webhooks/" + id;
	}

	@PostMapping("/{id}/delete")
	@PreAuthorize("hasAuthority('conversations:manage')")
	String delete(@PathVariable String id) {
		webhooks.delete(id);
		return "redirect:/console/webhooks";
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	String deliveries(@PathVariable String id, Model model) {
		Subscription subscription = webhooks.get(id);
		List<Webhooks.Delivery> deliveries = webhooks.deliveries(id, 50);
		model.addAttribute("subscription", subscription);
		model.addAttribute("deliveries", deliveries);
		return "webhook/deliveries";
	}

	@Bean
	static NavigationItem webhooksNavigation() {
		return new NavigationItem("Webhooks", "/console/webhooks", 90, Permission.CONVERSATIONS_MANAGE.authority());
	}

}
