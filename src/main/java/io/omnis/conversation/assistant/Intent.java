package io.omnis.conversation.assistant;

import java.util.regex.Pattern;

/**
 * What a customer's short reply means to the assistant: she asks for a person, the answer
 * settled it, or it did not help. Words of the languages the help centre speaks most;
 * anything else is taken as a question.
 */
final class Intent {

	private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

	private static final Pattern PERSON = Pattern.compile("\\b(agent|agents|human|humans|person|people|someone|somebody"
			+ "|representative|operator|real person|talk to (a|an|the)? ?(staff|team|support)|humano|pessoa|atendente"
			+ "|agente|persona|personne|conseiller|mensch|mitarbeiter)\\b", FLAGS);

	private static final Pattern SETTLED = Pattern.compile("^\\W*(yes|yep|yeah|thanks|thank you|thx|ty|that helped"
			+ "|it helped|solved|perfect|great|sim|obrigad[oa]|gracias|merci|danke|s[ií])\\b", FLAGS);

	private static final Pattern NOT_HELPED = Pattern
		.compile("^\\W*(no|nope|not really|that did ?n[o']t help|did ?n[o']t help|n[aã]o|nein|non)\\b", FLAGS);

	private Intent() {
	}

	static boolean asksForPerson(String text) {
		return PERSON.matcher(text).find();
	}

	static boolean settled(String text) {
		return SETTLED.matcher(text).find();
	}

	static boolean notHelped(String text) {
		return NOT_HELPED.matcher(text).find();
	}

}
