package io.omnis.conversation.internal;

/**
 * A file that arrived with a message, before it is checked and stored.
 */
public record NewAttachment(String filename, String contentType, byte[] content) {
}
