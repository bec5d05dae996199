package io.omnis.conversation;

/**
 * Who wrote a message. Only an agent's first answer counts as the first response: an
 * assistant's or the system's does not.
 */
public enum AuthorKind {

	CUSTOMER, AGENT, SYSTEM, ASSISTANT

}
