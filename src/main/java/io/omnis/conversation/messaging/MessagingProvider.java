package io.omnis.conversation.messaging;

import org.jspecify.annotations.Nullable;

/**
 * Sends a text to a customer through a messaging service: Twilio today, room for others.
 */
interface MessagingProvider {

	Provider kind();

	/**
	 * @param to her address in the service (+15551234567, whatsapp:+…, a page-scoped id)
	 * @param statusCallback where the service should report delivery, if it can
	 * @return what the service answered
	 * @throws ProviderRefusal when the service refused or could not be reached
	 */
	Sent send(MessagingSettings settings, String to, String text, @Nullable String statusCallback);

	/**
	 * @param externalId the service's id of the message
	 * @param delivery the Omnis delivery state it is in (QUEUED, SENT…)
	 */
	record Sent(String externalId, String delivery) {
	}

	/** The service refused the message, or could not be reached. */
	final class ProviderRefusal extends RuntimeException {

		ProviderRefusal(String message) {
			super(message);
		}

	}

}
