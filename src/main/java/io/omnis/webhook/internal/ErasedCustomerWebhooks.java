package io.omnis.webhook.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.conversation.Conversations;
import io.omnis.customer.ProfileEvents.ProfileErased;
import io.omnis.kernel.web.Page;

/**
 * Deletes the webhook messages that hold an erased customer's data, in the erasure's
 * transaction, with their deliveries: those sent are the subscribers' to erase, those not
 * sent yet are not sent.
 */
@Component
class ErasedCustomerWebhooks {

	static final int MAX_CONVERSATIONS = 100_000;

	private final JdbcClient jdbc;

	private final Conversations conversations;

	ErasedCustomerWebhooks(JdbcClient jdbc, Conversations conversations) {
		this.jdbc = jdbc;
		this.conversations = conversations;
	}

	@EventListener
	void on(ProfileErased erased) {
		// Messages name her by profile id or by her conversations (a survey's answer
		// carries her comment under the conversation's id), never by an identifier:
		// matching her identifiers' values, short anonymous ids among them, could take
		// someone else's
		List<String> texts = new ArrayList<>(erased.profileIds());
		for (String profile : erased.profileIds()) {
			Page.all(cursor -> conversations.page(null, null, profile, cursor, 100), MAX_CONVERSATIONS)
				.forEach(conversation -> texts.add(conversation.id().value()));
		}
		String[] hers = jdbc.sql("""
				select id from webhook_message m
				 where exists (select 1 from unnest(:texts::text[]) t where strpos(m.payload, t) > 0)""")
			.param("texts", texts.toArray(String[]::new))
			.query(String.class)
			.list()
			.toArray(String[]::new);
		jdbc.sql("delete from webhook_delivery where message_id = any(:ids::text[])").param("ids", hers).update();
		jdbc.sql("delete from webhook_message where id = any(:ids::text[])").param("ids", hers).update();
	}

}
