package io.omnis.conversation.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.omnis.conversation.ConversationProperties;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Decides which files a message may carry: by size, by declared type (an allow-list), by
 * file name ending, and by content, so that an executable named {@code invoice.pdf} is
 * still refused.
 */
@Component
public class AttachmentRules {

	private final ConversationProperties.Attachments rules;

	AttachmentRules(ConversationProperties properties) {
		this.rules = properties.attachments();
	}

	/**
	 * Refuses the first file that breaks a rule, naming it.
	 */
	public void check(List<NewAttachment> attachments) {
		if (attachments.size() > rules.maxCount()) {
			throw ProblemException.invalidField("attachments", "must be at most " + rules.maxCount() + " files");
		}
		for (int i = 0; i < attachments.size(); i++) {
			String why = refusal(attachments.get(i));
			if (why != null) {
				String field = "attachments[" + i + "]";
				ProblemType type = why.startsWith("is larger") ? ProblemType.PAYLOAD_TOO_LARGE
						: ProblemType.UNSUPPORTED_MEDIA_TYPE;
				throw new ProblemException(type, "Attachment '" + attachments.get(i).filename() + "' " + why,
						List.of(new FieldError(field, why)));
			}
		}
	}

	/** Why a file is refused, or null when it is accepted. */
	public String refusal(NewAttachment file) {
		if (file.content().length > rules.maxSize().toBytes()) {
			return "is larger than " + rules.maxSize().toMegabytes() + " MB";
		}
		String name = file.filename().toLowerCase(Locale.ROOT);
		int dot = name.lastIndexOf('.');
		if (dot >= 0 && rules.forbiddenExtensions().contains(name.substring(dot + 1))) {
			return "has a forbidden file type (." + name.substring(dot + 1) + ")";
		}
		String type = file.contentType().toLowerCase(Locale.ROOT);
		if (!allowed(type)) {
			return "has a media type that is not accepted (" + type + ")";
		}
		if (looksExecutable(file.content())) {
			return "is an executable, whatever its name says";
		}
		return null;
	}

	private boolean allowed(String type) {
		for (String allowed : rules.allowedTypes()) {
			if (allowed.equals(type)
					|| (allowed.endsWith("/*") && type.startsWith(allowed.substring(0, allowed.length() - 1)))) {
				return true;
			}
		}
		return false;
	}

	/** Windows PE, ELF, Mach-O and shell scripts. */
	private static boolean looksExecutable(byte[] content) {
		if (content.length < 4) {
			return false;
		}
		int b0 = content[0] & 0xff;
		int b1 = content[1] & 0xff;
		int b2 = content[2] & 0xff;
		int b3 = content[3] & 0xff;
		return (b0 == 'M' && b1 == 'Z') || (b0 == 0x7f && b1 == 'E' && b2 == 'L' && b3 == 'F')
				|| (b0 == 0xcf && b1 == 0xfa && b2 == 0xed && b3 == 0xfe) || (b0 == '#' && b1 == '!');
	}

}
