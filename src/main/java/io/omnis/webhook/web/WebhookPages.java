package io.omnis.webhook.web;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;
import io.omnis.webhook.Subscription;
import io.omnis.webhook.Webhooks;

/**
 * The console's view of webhooks: the subscriptions, and a subscription's latest
 * deliveries with what the endpoint answered to each attempt.
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
		return "webhook/webhooks";
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
