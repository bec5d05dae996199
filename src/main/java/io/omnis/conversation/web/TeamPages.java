package io.omnis.conversation.web;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.CannedReplies;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.Merges;
import io.omnis.conversation.Mentions;
import io.omnis.conversation.Tags;
import io.omnis.conversation.Teams;

/**
 * The console's side of teams: a conversation's tags, canned replies to insert and the
 * merge form; my mentions; and the canned replies' management page.
 */
@Controller
@RequestMapping("/console/conversations")
class TeamPages {

	private final Conversations conversations;

	private final Teams teams;

	private final Tags tags;

	private final CannedReplies replies;

	private final Merges merges;

	private final Mentions mentions;

	private final TeamViews views;

	private final Authors authors;

	TeamPages(Conversations conversations, Teams teams, Tags tags, CannedReplies replies, Merges merges,
			Mentions mentions, TeamViews views, Authors authors) {
		this.conversations = conversations;
		this.teams = teams;
		this.tags = tags;
		this.replies = replies;
		this.merges = merges;
		this.mentions = mentions;
		this.views = views;
		this.authors = authors;
	}

	@GetMapping("/{id}/tools")
	@PreAuthorize("hasAuthority('conversations:read')")
	String tools(@PathVariable String id, Model model, Authentication user) {
		model.addAttribute("conversation", conversations.get(id));
		model.addAttribute("queueing", teams.queueing(id));
		model.addAttribute("replies", replies.forAgent(views.staffId(user)));
		model.addAttribute("merges", merges.of(id));
		return "conversation/team-tools :: tools";
	}

	/**
	 * The reply box with the canned reply's text filled for this conversation, after what
	 * was typed.
	 */
	@GetMapping("/{id}/canned")
	@PreAuthorize("hasAuthority('conversations:read')")
	String canned(@PathVariable String id, @RequestParam String replyId, @RequestParam(defaultValue = "") String body,
			Model model, Authentication user) {
		String text = replies.fill(replyId, id, authors.of(user, AuthorKind.AGENT)).text();
		model.addAttribute("text", body.isBlank() ? text : body.stripTrailing() + "\n" + text);
		return "conversation/team-tools :: replyBody";
	}

	@PostMapping("/{id}/tags")
	@PreAuthorize("hasAuthority('conversations:write')")
	String tag(@PathVariable String id, @RequestParam(defaultValue = "") String tag, Authentication user) {
		tags.add(id, tag, authors.of(user, AuthorKind.AGENT));
		return "redirect:/console/conversations/" + id;
	}

	@PostMapping("/{id}/tags/{tag}/remove")
	@PreAuthorize("hasAuthority('conversations:write')")
	String untag(@PathVariable String id, @PathVariable String tag) {
		tags.remove(id, tag);
		return "redirect:/console/conversations/" + id;
	}

	@PostMapping("/{id}/merge")
	@PreAuthorize("hasAuthority('conversations:write')")
	String merge(@PathVariable String id, @RequestParam(defaultValue = "") String into, Authentication user) {
		var merge = merges.merge(id, into.strip(), authors.of(user, AuthorKind.AGENT));
		return "redirect:/console/conversations/" + merge.survivor().value();
	}

	@GetMapping("/mentions")
	@PreAuthorize("hasAuthority('conversations:read')")
	String mentions(Model model, Authentication user) {
		String me = views.staffId(user);
		model.addAttribute("mentions", me.isEmpty() ? java.util.List.of() : mentions.of(me, false, null, 100).data());
		return "conversation/mentions";
	}

	/** My unread mentions, for the inbox to show when one arrives. */
	@GetMapping("/mentions/unread")
	@PreAuthorize("hasAuthority('conversations:read')")
	String unread(Model model, Authentication user) {
		String me = views.staffId(user);
		model.addAttribute("unreadMentions", me.isEmpty() ? 0 : mentions.unread(me));
		return "conversation/team-tools :: unread";
	}

	@PostMapping("/mentions/{mentionId}/read")
	@PreAuthorize("hasAuthority('conversations:write')")
	String read(@PathVariable String mentionId, Authentication user) {
		mentions.read(mentionId, views.staffId(user));
		return "redirect:/console/conversations/mentions";
	}

	@GetMapping("/canned-replies")
	@PreAuthorize("hasAuthority('conversations:read')")
	String cannedReplies(Model model, Authentication user) {
		model.addAttribute("replies", replies.page(null, null, 200).data());
		model.addAttribute("teams", teams.all());
		model.addAttribute("variables", CannedReplies.VARIABLES.stream().sorted().toList());
		model.addAttribute("canManage",
				user.getAuthorities().stream().anyMatch(a -> "conversations:manage".equals(a.getAuthority())));
		return "conversation/canned-replies";
	}

	@PostMapping("/canned-replies")
	@PreAuthorize("hasAuthority('conversations:manage')")
	String createCannedReply(@RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String body, @RequestParam(required = false) @Nullable String teamId) {
		replies.create(title, body, teamId);
		return "redirect:/console/conversations/canned-replies";
	}

	@PostMapping("/canned-replies/{replyId}/delete")
	@PreAuthorize("hasAuthority('conversations:manage')")
	String deleteCannedReply(@PathVariable String replyId) {
		replies.delete(replyId);
		return "redirect:/console/conversations/canned-replies";
	}

}
