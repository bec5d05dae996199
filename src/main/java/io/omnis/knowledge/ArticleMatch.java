package io.omnis.knowledge;

/**
 * A published article found by a search, with what to cite: its short answer and the link
 * to its help-centre page.
 *
 * @param rank PostgreSQL's text-search rank: higher is closer
 * @param coverage the share of the question's words (after stemming and stop words) that
 * the article contains, from 0 to 1
 */
public record ArticleMatch(String articleId, String locale, String slug, String title, String shortAnswer, String url,
		double rank, double coverage) {
}
