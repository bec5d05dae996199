package io.omnis.conversation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

import io.omnis.kernel.problem.ProblemException;

/**
 * Turns what people write into the plain text a conversation stores: control characters
 * out, HTML reduced to its text (scripts and styles dropped), and in e-mail replies the
 * quoted earlier message cut off. Pages show the result as text, never as markup.
 */
public final class MessageText {

	private static final Pattern QUOTE_HEADER = Pattern.compile(
			"^\\s*(On|Le|Am|El|Il|Op) .{4,200}(wrote|écrit|schrieb|escribió|scritto|geschreven)\\s?:\\s*$",
			Pattern.CASE_INSENSITIVE);

	private MessageText() {
	}

	/**
	 * The text to store for a body someone typed.
	 * @throws ProblemException naming {@code field} when it is empty or too long
	 */
	public static String checked(String raw, int max, String field) {
		String text = clean(raw);
		if (text.isEmpty()) {
			throw ProblemException.invalidField(field, "must not be empty");
		}
		if (text.length() > max) {
			throw ProblemException.invalidField(field, "must be at most " + max + " characters");
		}
		return text;
	}

	/**
	 * Control characters out (but line breaks and tabs), line ends unified, ends
	 * stripped.
	 */
	public static String clean(String raw) {
		StringBuilder out = new StringBuilder(raw.length());
		String unified = raw.replace("\r\n", "\n").replace('\r', '\n');
		for (int i = 0; i < unified.length(); i++) {
			char c = unified.charAt(i);
			if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
				out.append(c);
			}
		}
		return out.toString().strip();
	}

	/** The text of an HTML body, with its line structure and without any markup. */
	public static String fromHtml(String html) {
		Document document = Jsoup.parse(html);
		document.select("script, style, head, template, noscript").remove();
		for (Element br : document.select("br")) {
			br.after(new TextNode("\n"));
		}
		for (Element block : document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre")) {
			block.appendChild(new TextNode("\n"));
		}
		String text = document.body().wholeText();
		return clean(text.replaceAll("[ \\t\\x0B\\f]+\\n", "\n").replaceAll("\\n{3,}", "\n\n"));
	}

	/**
	 * A reply without the earlier message its mail client quoted below it ("On … wrote:"
	 * and the lines starting with {@code >}).
	 */
	public static String withoutQuote(String text) {
		List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
		for (int i = 0; i < lines.size(); i++) {
			if (QUOTE_HEADER.matcher(lines.get(i)).matches() && i > 0) {
				lines = lines.subList(0, i);
				break;
			}
		}
		int end = lines.size();
		while (end > 0 && (lines.get(end - 1).startsWith(">") || lines.get(end - 1).isBlank())) {
			end--;
		}
		String kept = String.join("\n", lines.subList(0, end)).strip();
		return kept.isEmpty() ? text : kept;
	}

}
