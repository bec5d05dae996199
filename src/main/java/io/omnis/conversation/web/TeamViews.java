package io.omnis.conversation.web;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import io.omnis.conversation.Conversation;
import io.omnis.conversation.Mentions;
import io.omnis.conversation.Tags;
import io.omnis.conversation.Teams;
import io.omnis.staff.Staff;
import io.omnis.staff.StaffMember;

/**
 * The inbox views teams and tags add: "my teams" (conversations in progress in the queues
 * of the teams I am in) and the filter by tag, with my unread mentions.
 */
@Component
class TeamViews {

	private final Teams teams;

	private final Tags tags;

	private final Mentions mentions;

	private final Staff staff;

	TeamViews(Teams teams, Tags tags, Mentions mentions, Staff staff) {
		this.teams = teams;
		this.tags = tags;
		this.mentions = mentions;
		this.staff = staff;
	}

	void inbox(@Nullable String tag, Model model, Authentication user) {
		String me = staffId(user);
		model.addAttribute("tag", blank(tag) ? null : tag);
		model.addAttribute("tagsInUse", tags.inUse());
		model.addAttribute("myTeams", me.isEmpty() ? List.of() : teams.namesOf(me));
		model.addAttribute("unreadMentions", me.isEmpty() ? 0 : mentions.unread(me));
	}

	/** The rows of a view teams or tags decide; empty when the inbox's own query does. */
	Optional<List<Conversation>> filtered(String view, @Nullable String tag, @Nullable String assignee,
			Authentication user) {
		String checkedTag = blank(tag) ? null : tag;
		if ("teams".equals(view)) {
			String me = staffId(user);
			List<String> mine = me.isEmpty() ? List.of() : teams.namesOf(me);
			return Optional.of(mine.isEmpty() ? List.of() : tags.page(null, mine, checkedTag, null, null, 100).data());
		}
		if (checkedTag != null) {
			return Optional.of(tags.page(null, null, checkedTag, assignee, null, 100).data());
		}
		return Optional.empty();
	}

	String staffId(Authentication user) {
		return staff.findByUsername(user.getName()).map(StaffMember::id).orElse("");
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
