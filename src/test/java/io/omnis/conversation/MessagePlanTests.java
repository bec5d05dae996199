package io.omnis.conversation;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.PreparedPlans;
import io.omnis.channel.ChannelType;
import io.omnis.conversation.internal.MessageStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message is read with its attachments, for every inbound message and every page of a
 * thread. The attachments' read keeps the generic plan PostgreSQL makes once per
 * connection instead of being planned again on every call (ADR 0026).
 */
class MessagePlanTests extends ConversationFixtures {

	@Autowired
	MessageStore messages;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aMessageIsReadWithItsAttachmentsOnAGenericPlan() {
		Visitor visitor = new Visitor(writeKeyOf(channel(ChannelType.WEB)), "anon-" + UUID.randomUUID());
		String id = visitor.say("Hello, is the lamp in stock?").path("message").path("id").asString();
		PreparedPlans.assertKeptGeneric(transactions, jdbc, "from conversation_attachment",
				() -> assertThat(messages.message(id)).hasValueSatisfying(message -> {
					assertThat(message.body()).isEqualTo("Hello, is the lamp in stock?");
					assertThat(message.attachments()).isEmpty();
				}));
	}

}
