package io.omnis.conversation.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.jspecify.annotations.Nullable;

import io.omnis.conversation.internal.MessageText;
import io.omnis.conversation.internal.NewAttachment;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Reads raw MIME (RFC 5322) into a {@link ParsedMail}: the sender, the threading headers,
 * the text (the plain part, or the HTML part turned into text, without the quoted earlier
 * message) and the files, and whether a machine sent it. Mail that cannot be read is
 * refused with a problem, before anything is stored.
 */
final class MailParser {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,250}>");

	private static final int MAX_REFERENCES = 50;

	private static final int MAX_DEPTH = 10;

	private MailParser() {
	}

	static ParsedMail parse(byte[] raw) {
		if (raw.length == 0) {
			throw malformed("The e-mail is empty");
		}
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			InternetAddress from = from(message);
			String messageId = first(message.getHeader("Message-ID"));
			List<String> ids = messageId == null ? List.of() : ids(messageId);
			String id = ids.isEmpty() ? synthetic(raw) : ids.getFirst();
			List<String> inReplyTo = ids(first(message.getHeader("In-Reply-To")));
			Set<String> references = new LinkedHashSet<>(inReplyTo);
			List<String> chain = new ArrayList<>(ids(joined(message.getHeader("References"))));
			java.util.Collections.reverse(chain);
			references.addAll(chain);
			Body body = new Body();
			read(message, body, 0);
			String text = body.plain != null ? MessageText.clean(body.plain)
					: body.html != null ? MessageText.fromHtml(body.html) : "";
			text = MessageText.withoutQuote(text);
			if (text.isBlank()) {
				text = body.attachments.isEmpty() ? "(empty message)" : "(files only)";
			}
			String subject = message.getSubject();
			return new ParsedMail(id, from.getAddress().toLowerCase(Locale.ROOT), from.getPersonal(),
					subject == null ? null : MessageText.clean(subject),
					inReplyTo.isEmpty() ? null : inReplyTo.getFirst(),
					references.stream().limit(MAX_REFERENCES).toList(), text, automated(message, from),
					body.attachments);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			if (ex instanceof ProblemException problem) {
				throw problem;
			}
			throw malformed("The e-mail is not valid MIME: " + abbreviate(ex.getMessage()));
		}
	}

	/**
	 * Auto-replies, bounces, bulk and list mail (RFC 3834 and the usual headers), which
	 * Omnis never answers.
	 */
	private static boolean automated(MimeMessage message, InternetAddress from) throws MessagingException {
		String autoSubmitted = first(message.getHeader("Auto-Submitted"));
		if (autoSubmitted != null && !autoSubmitted.strip().equalsIgnoreCase("no")) {
			return true;
		}
		String precedence = first(message.getHeader("Precedence"));
		if (precedence != null
				&& Set.of("bulk", "junk", "list", "auto_reply").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
			return true;
		}
		for (String header : List.of("X-Autoreply", "X-Autorespond", "List-Id", "List-Unsubscribe")) {
			if (message.getHeader(header) != null) {
				return true;
			}
		}
		String returnPath = first(message.getHeader("Return-Path"));
		String local = from.getAddress().toLowerCase(Locale.ROOT);
		return "<>".equals(returnPath == null ? null : returnPath.strip()) || local.startsWith("mailer-daemon@")
				|| local.startsWith("postmaster@") || local.startsWith("noreply@") || local.startsWith("no-reply@");
	}

	private static InternetAddress from(MimeMessage message) throws MessagingException {
		Address[] from;
		try {
			String header = first(message.getHeader("From"));
			if (header == null) {
				throw invalid("from", "is missing");
			}
			from = InternetAddress.parseHeader(header, true);
		}
		catch (AddressException ex) {
			throw invalid("from", "is not an e-mail address");
		}
		if (from.length != 1 || !(from[0] instanceof InternetAddress address) || address.getAddress() == null
				|| !address.getAddress().contains("@")) {
			throw invalid("from", "must name exactly one sender");
		}
		return address;
	}

	private static void read(Part part, Body body, int depth) throws MessagingException, IOException {
		if (depth > MAX_DEPTH) {
			throw malformed("The e-mail nests parts deeper than " + MAX_DEPTH);
		}
		String disposition = part.getDisposition();
		String filename = part.getFileName();
		ContentType type = new ContentType(part.getContentType());
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				read(child, body, depth + 1);
			}
		}
		else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || filename != null) {
			String name = filename == null ? "attachment" : MimeUtility.decodeText(filename);
			body.attachments.add(new NewAttachment(MessageText.clean(name), type.getBaseType().toLowerCase(Locale.ROOT),
					part.getInputStream().readAllBytes()));
		}
		else if (part.isMimeType("text/plain") && body.plain == null) {
			body.plain = text(part);
		}
		else if (part.isMimeType("text/html") && body.html == null) {
			body.html = text(part);
		}
	}

	private static String text(Part part) throws MessagingException, IOException {
		Object content = part.getContent();
		return content instanceof String text ? text
				: new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	private static List<String> ids(@Nullable String header) {
		if (header == null) {
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		Matcher matcher = MESSAGE_ID.matcher(header);
		while (matcher.find() && ids.size() < MAX_REFERENCES) {
			ids.add(matcher.group());
		}
		return ids;
	}

	/** A Message-ID for mail that came without one, the same for the same bytes. */
	private static String synthetic(byte[] raw) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
			return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@no-message-id.omnis>";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable String first(String @Nullable [] values) {
		return values == null || values.length == 0 ? null : values[0];
	}

	private static @Nullable String joined(String @Nullable [] values) {
		return values == null ? null : String.join(" ", values);
	}

	private static String abbreviate(@Nullable String text) {
		String value = text == null ? "unreadable" : text;
		return value.length() <= 200 ? value : value.substring(0, 200) + "…";
	}

	private static ProblemException malformed(String detail) {
		return new ProblemException(ProblemType.MALFORMED_BODY, detail);
	}

	private static ProblemException invalid(String field, String message) {
		return new ProblemException(ProblemType.INVALID_FIELD, "Header '" + field + "' " + message,
				List.of(new FieldError(field, message)));
	}

	/** The parts found while walking the message. */
	private static final class Body {

		@Nullable String plain;

		@Nullable String html;

		final List<NewAttachment> attachments = new ArrayList<>();

	}

}
