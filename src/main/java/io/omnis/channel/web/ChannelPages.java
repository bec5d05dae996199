package io.omnis.channel.web;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.IssuedKey;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;
import io.omnis.kernel.web.Page;

/**
 * The console's channel pages: list, create (showing the new keys once), rotate, disable
 * and enable.
 */
@Controller
@RequestMapping("/console/channels")
class ChannelPages {

	private final Channels channels;

	ChannelPages(Channels channels) {
		this.channels = channels;
	}

	@ModelAttribute("canManage")
	boolean canManage(Authentication user) {
		return user.getAuthorities()
			.stream()
			.anyMatch(authority -> Permission.CHANNELS_MANAGE.authority().equals(authority.getAuthority()));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('channels:read')")
	String list(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable ChannelType type,
			@RequestParam(required = false) @Nullable ChannelStatus status, Model model) {
		Page<?> page = channels.page(cursor, 50, type, status);
		model.addAttribute("page", page);
		model.addAttribute("types", ChannelType.values());
		model.addAttribute("statuses", ChannelStatus.values());
		model.addAttribute("type", type);
		model.addAttribute("status", status);
		return "channel/channels";
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('channels:read')")
	String detail(@PathVariable String id, Model model) {
		model.addAttribute("channel", channels.get(id));
		return "channel/channel";
	}

	@PostMapping
	@PreAuthorize("hasAuthority('channels:manage')")
	String create(@RequestParam(required = false) @Nullable ChannelType type,
			@RequestParam(defaultValue = "") String name, @RequestParam(required = false) @Nullable String description,
			Model model, RedirectAttributes redirect) {
		try {
			if (type == null) {
				throw ProblemException.invalidField("type", "is required");
			}
			Channels.Created created = channels.create(type, name, description, EnumSet.of(Permission.CHANNELS_READ));
			return showOnce(redirect, created.channel().id().value(), created.keys());
		}
		catch (ProblemException ex) {
			model.addAttribute("error", ex.getMessage());
			return list(null, null, null, model);
		}
	}

	@PostMapping("/{id}/keys/{keyId}/rotate")
	@PreAuthorize("hasAuthority('channels:manage')")
	String rotate(@PathVariable String id, @PathVariable String keyId, RedirectAttributes redirect) {
		IssuedKey issued = channels.rotateKey(channels.get(id).id(), keyId, Duration.ZERO);
		return showOnce(redirect, id, List.of(issued));
	}

	@PostMapping("/{id}/disable")
	@PreAuthorize("hasAuthority('channels:manage')")
	String disable(@PathVariable String id) {
		channels.disable(channels.get(id).id());
		return "redirect:/console/channels/" + id;
	}

	@PostMapping("/{id}/enable")
	@PreAuthorize("hasAuthority('channels:manage')")
	String enable(@PathVariable String id) {
		channels.enable(channels.get(id).id());
		return "redirect:/console/channels/" + id;
	}

	/**
	 * Redirects to the channel's page, which shows the new secrets once: they travel as a
	 * flash attribute, so that a reload neither shows them again nor repeats the POST.
	 */
	private static String showOnce(RedirectAttributes redirect, String id, List<IssuedKey> keys) {
		redirect.addFlashAttribute("issued", keys);
		return "redirect:/console/channels/" + id;
	}

	@Bean
	static NavigationItem channelsNavigation() {
		return new NavigationItem("Channels", "/console/channels", 10, Permission.CHANNELS_READ.authority());
	}

}
