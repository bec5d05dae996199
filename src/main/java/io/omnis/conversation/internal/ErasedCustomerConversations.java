package io.omnis.conversation.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.customer.ProfileEvents.ProfileErased;

/**
 * Removes an erased customer from her conversations, in the erasure's transaction. The
 * conversations stay with their times, status, assignments, tags and ratings (the
 * measures need them), but every message's text, subject and address go, her files too,
 * and so do her chat visits and the notices waiting for her. A call keeps its times, not
 * the number or the recording.
 */
@Component
class ErasedCustomerConversations {

	static final String ERASED = "[erased]";

	private final JdbcClient jdbc;

	ErasedCustomerConversations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(ProfileErased erased) {
		String[] profiles = erased.profileIds().toArray(String[]::new);
		String[] conversations = jdbc.sql("select id from conversation where profile_id = any(:profiles::text[])")
			.param("profiles", profiles)
			.query(String.class)
			.list()
			.toArray(String[]::new);
		String[] messages = jdbc.sql("""
				update conversation_message
				   set body = :erased, subject = null, email_address = null,
				       author_name = case when author_kind = 'CUSTOMER' then null else author_name end
				 where conversation_id = any(:conversations::text[]) returning id""")
			.param("erased", ERASED)
			.param("conversations", conversations)
			.query(String.class)
			.list()
			.toArray(String[]::new);
		jdbc.sql("update conversation set subject = null where id = any(:conversations::text[])")
			.param("conversations", conversations)
			.update();
		jdbc.sql("delete from conversation_attachment where message_id = any(:messages::text[])")
			.param("messages", messages)
			.update();
		jdbc.sql("delete from message_media where message_id = any(:messages::text[])")
			.param("messages", messages)
			.update();
		jdbc.sql(
				"update csat_survey set comment = null, note = null where conversation_id = any(:conversations::text[])")
			.param("conversations", conversations)
			.update();
		jdbc.sql("""
				update phone_call set caller = '', recording_url = null
				 where conversation_id = any(:conversations::text[]) or profile_id = any(:profiles::text[])""")
			.param("conversations", conversations)
			.param("profiles", profiles)
			.update();
		jdbc.sql("delete from chat_visitor where profile_id = any(:profiles::text[])")
			.param("profiles", profiles)
			.update();
		String[] addresses = addresses(erased.identifiers());
		jdbc.sql("""
				update messaging_message set address = ''
				 where message_id = any(:messages::text[]) or address = any(:addresses::text[])""")
			.param("messages", messages)
			.param("addresses", addresses)
			.update();
		List<String> customers = new ArrayList<>(erased.profileIds());
		customers.addAll(erased.identifiers());
		jdbc.sql("""
				delete from customer_notice
				 where customer = any(:customers::text[]) or address = any(:addresses::text[])""")
			.param("customers", customers.toArray(String[]::new))
			.param("addresses", addresses)
			.update();
	}

	/**
	 * The addresses she may have written from or been written to: each identifier's value
	 * (an e-mail, a phone number, a handle), also in Twilio's WhatsApp form.
	 */
	private static String[] addresses(List<String> identifiers) {
		List<String> addresses = new ArrayList<>();
		for (String identifier : identifiers) {
			String value = identifier.substring(identifier.indexOf(':') + 1);
			addresses.add(value);
			addresses.add("whatsapp:" + value);
		}
		return addresses.toArray(String[]::new);
	}

}
