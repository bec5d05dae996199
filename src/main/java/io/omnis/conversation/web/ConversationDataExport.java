package io.omnis.conversation.web;

import java.util.List;

import org.springframework.stereotype.Component;

import io.omnis.conversation.Conversations;
import io.omnis.conversation.web.ConversationJson.ConversationView;
import io.omnis.conversation.web.ConversationJson.MessageView;
import io.omnis.kernel.CustomerDataExport;
import io.omnis.kernel.CustomerPanel;
import io.omnis.kernel.web.Page;

/**
 * Her conversations in every channel, each with every message, staff's private notes
 * about her included (they are data about her too), for the copy of her data.
 */
@Component
class ConversationDataExport implements CustomerDataExport {

	static final int MAX_CONVERSATIONS = 1_000;

	static final int MAX_MESSAGES = 10_000;

	private final Conversations conversations;

	ConversationDataExport(Conversations conversations) {
		this.conversations = conversations;
	}

	@Override
	public String section() {
		return "conversations";
	}

	@Override
	public Object export(CustomerPanel.Customer customer) {
		return Page.all(cursor -> conversations.page(null, null, customer.profileId(), cursor, 100), MAX_CONVERSATIONS)
			.stream()
			.map(conversation -> new Thread(ConversationView.of(conversation),
					Page.all(cursor -> conversations.messages(conversation.id().value(), true, cursor, 100),
							MAX_MESSAGES)
						.stream()
						.map(MessageView::of)
						.toList()))
			.toList();
	}

	/** A conversation and its messages, as the API shows them. */
	record Thread(ConversationView conversation, List<MessageView> messages) {
	}

}
