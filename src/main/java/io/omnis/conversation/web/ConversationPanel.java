package io.omnis.conversation.web;

import java.util.List;

import org.springframework.stereotype.Component;

import io.omnis.conversation.Conversation;
import io.omnis.conversation.Conversations;
import io.omnis.kernel.CustomerPanel;
import io.omnis.kernel.security.Permission;

/**
 * The customer 360's list of her conversations, in every channel, newest first.
 */
@Component
class ConversationPanel implements CustomerPanel {

	private final Conversations conversations;

	ConversationPanel(Conversations conversations) {
		this.conversations = conversations;
	}

	@Override
	public String title() {
		return "Conversations";
	}

	@Override
	public int position() {
		return 30;
	}

	@Override
	public Permission requires() {
		return Permission.CONVERSATIONS_READ;
	}

	@Override
	public List<Row> rows(Customer customer, int limit) {
		return conversations.page(null, null, customer.profileId(), null, limit)
			.data()
			.stream()
			.map(ConversationPanel::row)
			.toList();
	}

	private static Row row(Conversation conversation) {
		String subject = conversation.subject() == null ? "" : " · " + conversation.subject();
		return new Row(conversation.id().value() + subject,
				conversation.medium().name().toLowerCase().replace('_', ' ') + " · last message "
						+ conversation.lastMessageAt(),
				conversation.status().name().toLowerCase(), "/console/conversations/" + conversation.id().value(),
				conversation.lastMessageAt(), List.of());
	}

}
