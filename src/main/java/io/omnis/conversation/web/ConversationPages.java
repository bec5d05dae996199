package io.omnis.conversation.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Agent;
import io.omnis.conversation.Agents;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.Presence;
import io.omnis.conversation.internal.LiveUpdates;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;

/**
 * The agent's console: the inbox (mine, unassigned, all in progress) and a conversation
 * with every channel's messages, the customer 360 beside it, the reply box and private
 * notes. Both update live over Server-Sent Events.
 */
@Controller
@RequestMapping("/console/conversations")
class ConversationPages {

	private final Conversations conversations;

	private final Agents agents;

	private final Profiles profiles;

	private final Authors authors;

	private final LiveUpdates live;

	private final TeamViews teamViews;

	ConversationPages(Conversations conversations, Agents agents, Profiles profiles, Authors authors, LiveUpdates live,
			TeamViews teamViews) {
		this.teamViews = teamViews;
		this.conversations = conversations;
		this.agents = agents;
		this.profiles = profiles;
		this.authors = authors;
		this.live = live;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:read')")
	String inbox(@RequestParam(defaultValue = "mine") String view, @RequestParam(required = false) @Nullable String tag,
			Model model, Authentication user) {
		model.addAttribute("view", view(view));
		teamViews.inbox(tag, model, user);
		model.addAttribute("me", agents.ofUser(user.getName()).orElse(null));
		model.addAttribute("presences", Presence.values());
		model.addAttribute("canWrite", holds(user, Permission.CONVERSATIONS_WRITE));
		rows(view, tag, model, user);
		return "conversation/inbox";
	}

	@GetMapping("/rows")
	@PreAuthorize("hasAuthority('conversations:read')")
	String rows(@RequestParam(defaultValue = "mine") String view, @RequestParam(required = false) @Nullable String tag,
			Model model, Authentication user) {
		String assignee = switch (view(view)) {
			case "mine" -> agents.ofUser(user.getName()).map(Agent::staffId).orElse("-");
			case "unassigned" -> "";
			default -> null;
		};
		List<Conversation> list = teamViews.filtered(view(view), tag, assignee, user)
			.orElseGet(() -> conversations.page(null, assignee, null, null, 100).data());
		Map<String, String> names = new HashMap<>();
		list.forEach(c -> names.computeIfAbsent(c.profileId(), id -> profiles.find(id).map(this::name).orElse(id)));
		model.addAttribute("conversations", list);
		model.addAttribute("customerNames", names);
		model.addAttribute("agentNames", agentNames());
		return "conversation/inbox :: rows";
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('conversations:read')")
	String conversation(@PathVariable String id, Model model, Authentication user) {
		Conversation conversation = conversations.get(id);
		Profile profile = profiles.find(conversation.profileId()).orElse(null);
		model.addAttribute("conversation", conversation);
		model.addAttribute("profile", profile);
		model.addAttribute("customerName", profile == null ? conversation.profileId() : name(profile));
		model.addAttribute("timeline",
				profile == null ? List.of() : profiles.timeline(profile.id(), null, 10, null, null).data());
		model.addAttribute("agents", agents.all());
		model.addAttribute("agentNames", agentNames());
		model.addAttribute("channelTypes",
				List.of(ChannelType.CHAT, ChannelType.EMAIL, ChannelType.SMS, ChannelType.SOCIAL));
		model.addAttribute("canWrite", holds(user, Permission.CONVERSATIONS_WRITE));
		return thread(conversation, model, "conversation/conversation");
	}

	@GetMapping("/{id}/thread")
	@PreAuthorize("hasAuthority('conversations:read')")
	String threadFragment(@PathVariable String id, Model model) {
		return thread(conversations.get(id), model, "conversation/conversation :: thread");
	}

	@PostMapping("/{id}/messages")
	@PreAuthorize("hasAuthority('conversations:write')")
	String reply(@PathVariable String id, @RequestParam(defaultValue = "") String body,
			@RequestParam(defaultValue = "false") boolean privateNote,
			@RequestParam(required = false) @Nullable ChannelType channel, Authentication user, Model model,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx) {
		conversations.reply(id, body, privateNote, channel, authors.of(user, AuthorKind.AGENT));
		if (htmx == null) {
			return "redirect:/console/conversations/" + id;
		}
		return thread(conversations.get(id), model, "conversation/conversation :: thread");
	}

	@PostMapping("/{id}/assignment")
	@PreAuthorize("hasAuthority('conversations:write')")
	String assign(@PathVariable String id, @RequestParam(defaultValue = "") String assigneeId,
			@RequestParam(required = false) @Nullable String note, Authentication user) {
		conversations.assign(id, assigneeId.isBlank() ? null : assigneeId, note, authors.of(user, AuthorKind.AGENT));
		return "redirect:/console/conversations/" + id;
	}

	@PostMapping("/{id}/resolve")
	@PreAuthorize("hasAuthority('conversations:write')")
	String resolve(@PathVariable String id, Authentication user) {
		conversations.resolve(id, authors.of(user, AuthorKind.AGENT));
		return "redirect:/console/conversations/" + id;
	}

	@PostMapping("/{id}/reopen")
	@PreAuthorize("hasAuthority('conversations:write')")
	String reopen(@PathVariable String id, Authentication user) {
		conversations.reopen(id, authors.of(user, AuthorKind.AGENT));
		return "redirect:/console/conversations/" + id;
	}

	@PostMapping("/presence")
	@PreAuthorize("hasAuthority('conversations:write')")
	String presence(@RequestParam Presence presence, Authentication user) {
		agents.presenceOf(user.getName(), presence);
		return "redirect:/console/conversations";
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("hasAuthority('conversations:read')")
	@ResponseBody
	SseEmitter stream() {
		return live.console();
	}

	private String thread(Conversation conversation, Model model, String template) {
		model.addAttribute("conversation", conversation);
		model.addAttribute("messages", conversations.messages(conversation.id().value(), true, null, 200).data());
		return template;
	}

	private Map<String, String> agentNames() {
		Map<String, String> names = new HashMap<>();
		agents.all().forEach(agent -> names.put(agent.staffId(), agent.displayName()));
		return names;
	}

	private String name(Profile profile) {
		String name = profile.traits().path("name").asString("");
		if (!name.isBlank()) {
			return name;
		}
		return profile.identifiers()
			.stream()
			.filter(identifier -> identifier.type().equals("email"))
			.map(Profile.KnownIdentifier::value)
			.findFirst()
			.orElse("Visitor " + profile.id().substring(profile.id().length() - 6));
	}

	private static String view(String view) {
		return switch (view) {
			case "unassigned", "all", "teams" -> view;
			default -> "mine";
		};
	}

	private static boolean holds(Authentication user, Permission permission) {
		return user.getAuthorities().stream().anyMatch(a -> permission.authority().equals(a.getAuthority()));
	}

	@Bean
	static NavigationItem conversationsNavigation() {
		return new NavigationItem("Conversations", "/console/conversations", 15,
				Permission.CONVERSATIONS_READ.authority());
	}

}
