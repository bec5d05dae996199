package io.omnis.conversation;

/**
 * The file of an attachment, to download.
 */
public record AttachmentFile(String filename, String contentType, byte[] content) {
}
