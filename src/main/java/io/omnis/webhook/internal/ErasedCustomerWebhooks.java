package io.omnis.webhook.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.customer.ProfileEvents.ProfileErased;

/**
 * Deletes the webhook messages that hold an erased customer's data, in the erasure's
 * transaction, with their deliveries: those sent are the subscribers' to erase, those not
 * sent yet are not sent.
 */
@Component
class ErasedCustomerWebhooks {

	private final JdbcClient jdbc;

	ErasedCustomerWebhooks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(ProfileErased erased) {
		List<String> texts = new ArrayList<>(erased.profileIds());
		erased.identifiers().forEach(identifier -> texts.add(identifier.substring(identifier.indexOf(':') + 1)));
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
