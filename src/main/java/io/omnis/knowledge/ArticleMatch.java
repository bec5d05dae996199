package io.omnis.knowledge;

/**
 * A published article found by a search, with what to cite: its short answer and the link
 * to its help-centre page.
 *
 * @param rank PostgreSQL's text-search rank: higher is closer
 */
public record ArticleMatch(String articleId, String locale, String slug, String title, String shortAnswer, String url,
		double rank) {
}
