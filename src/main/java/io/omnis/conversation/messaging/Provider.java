package io.omnis.conversation.messaging;

/** The messaging service a channel's messages come from and answers go through. */
public enum Provider {

	/** SMS and WhatsApp through Twilio's Messaging API. */
	TWILIO,

	/** Messenger and Instagram through Meta's Graph API. */
	META

}
