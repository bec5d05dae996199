package io.omnis.conversation.assistant;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.omnis.conversation.AnswerProvider;
import io.omnis.knowledge.ArticleMatch;
import io.omnis.knowledge.KnowledgeBase;

/**
 * Answers from the knowledge base: the short form of the article holding most of the
 * question's words, and the link to it, when it holds at least a set share of them.
 */
@Component
@Order(20)
class KnowledgeAnswers implements AnswerProvider {

	private final KnowledgeBase knowledge;

	private final double minCoverage;

	KnowledgeAnswers(KnowledgeBase knowledge,
			@Value("${omnis.conversation.assistant.min-coverage:0.6}") double minCoverage) {
		this.knowledge = knowledge;
		this.minCoverage = minCoverage;
	}

	@Override
	public Optional<Answer> answer(Question question) {
		List<ArticleMatch> matches = knowledge.closest(question.text(), question.locale(), 1);
		if (matches.isEmpty() || matches.getFirst().coverage() < minCoverage) {
			return Optional.empty();
		}
		ArticleMatch best = matches.getFirst();
		return Optional.of(new Answer(best.shortAnswer() + "\n" + best.title() + ": " + best.url(), best.articleId(),
				best.url(), true));
	}

}
