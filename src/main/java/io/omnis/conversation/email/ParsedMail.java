package io.omnis.conversation.email;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.conversation.internal.NewAttachment;

/**
 * What Omnis reads from one e-mail.
 *
 * @param references the Message-IDs of In-Reply-To then References, most recent first
 * @param automated an auto-reply, bounce, bulk or list mail
 */
record ParsedMail(String messageId, String fromAddress, @Nullable String fromName, @Nullable String subject,
		@Nullable String inReplyTo, List<String> references, String text, boolean automated,
		List<NewAttachment> attachments) {
}
