package io.omnis.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.knowledge.internal.ArticleHtml;
import io.omnis.knowledge.internal.SearchLanguage;

/**
 * The help articles: written and changed by staff, searched in the language of their
 * locale by the help centre and by the assistant, which cites the short answer and the
 * link.
 */
@Service
@Transactional
public class KnowledgeBase {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String baseUrl;

	KnowledgeBase(JdbcClient jdbc, Clock clock,
			@Value("${omnis.knowledge.base-url:http://127.0.0.1:8080}") String baseUrl) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** An article as staff write it; status DRAFT or PUBLISHED (the default). */
	public record ArticleInput(@Nullable String slug, @Nullable String locale, @Nullable String categoryId,
			@Nullable String title, @Nullable String body, @Nullable String shortAnswer, @Nullable String status) {
	}

	public Category createCategory(@Nullable String slug, @Nullable String name) {
		String checkedSlug = slug(slug);
		String checkedName = text(name, "name", 120);
		String id = Ids.next(Category.PREFIX);
		try {
			jdbc.sql("insert into knowledge_category (id, slug, name, created_at) values (:id, :slug, :name, :at)")
				.param("id", id)
				.param("slug", checkedSlug)
				.param("name", checkedName)
				.param("at", Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ProblemException.conflict("A category with slug '" + checkedSlug + "' exists");
		}
		return categories().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
	}

	@Transactional(readOnly = true)
	public List<Category> categories() {
		return jdbc.sql("select * from knowledge_category order by name limit 500")
			.query((rs, row) -> new Category(rs.getString("id"), rs.getString("slug"), rs.getString("name"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	public Article create(ArticleInput input) {
		String id = Ids.next(Article.PREFIX);
		Instant now = clock.instant();
		write("""
				insert into knowledge_article (id, slug, locale, category_id, title, body, body_text, short_answer,
				       status, search_config, created_at, updated_at)
				values (:id, :slug, :locale, :category, :title, :body, :text, :short, :status,
				        cast(:config as regconfig), :at, :at)""", id, input, now);
		return get(id);
	}

	public Article update(String id, ArticleInput input) {
		get(id);
		write("""
				update knowledge_article set slug = :slug, locale = :locale, category_id = :category, title = :title,
				       body = :body, body_text = :text, short_answer = :short, status = :status,
				       search_config = cast(:config as regconfig), updated_at = :at
				 where id = :id""", id, input, clock.instant());
		return get(id);
	}

	public void delete(String id) {
		get(id);
		jdbc.sql("delete from knowledge_article where id = :id").param("id", id).update();
	}

	@Transactional(readOnly = true)
	public Article get(String id) {
		return jdbc.sql("select * from knowledge_article where id = :id")
			.param("id", id)
			.query(this::article)
			.optional()
			.orElseThrow(() -> new NotFoundException("article", id));
	}

	/** A published article of the help centre. */
	@Transactional(readOnly = true)
	public Optional<Article> published(String locale, String slug) {
		return jdbc
			.sql("select * from knowledge_article where locale = :locale and slug = :slug and status = 'PUBLISHED'")
			.param("locale", locale)
			.param("slug", slug)
			.query(this::article)
			.optional();
	}

	/** Articles by title; only published ones unless {@code drafts}. */
	@Transactional(readOnly = true)
	public List<Article> list(@Nullable String locale, @Nullable String categoryId, boolean drafts, int limit) {
		return jdbc.sql("""
				select * from knowledge_article
				 where (cast(:locale as text) is null or locale = :locale)
				   and (cast(:category as text) is null or category_id = :category)
				   and (:drafts or status = 'PUBLISHED')
				 order by title, id limit :limit""")
			.param("locale", locale)
			.param("category", categoryId)
			.param("drafts", drafts)
			.param("limit", Math.max(1, Math.min(limit, 500)))
			.query(this::article)
			.list();
	}

	/**
	 * Published articles of a locale matching a question in its language, closest first.
	 * The question may be written as people search ("return policy", "refund -gift").
	 */
	@Transactional(readOnly = true)
	public List<ArticleMatch> search(String question, String locale, int limit) {
		if (question.isBlank()) {
			return List.of();
		}
		String config = SearchLanguage.of(locale);
		return jdbc.sql("""
				select id, locale, slug, title, short_answer,
				       ts_rank(search, websearch_to_tsquery(cast(:config as regconfig), :q)) as rank
				  from knowledge_article
				 where locale = :locale and status = 'PUBLISHED'
				   and search @@ websearch_to_tsquery(cast(:config as regconfig), :q)
				 order by rank desc, id limit :limit""")
			.param("config", config)
			.param("q", question.length() > 500 ? question.substring(0, 500) : question)
			.param("locale", locale)
			.param("limit", Math.max(1, Math.min(limit, 50)))
			.query((rs, row) -> new ArticleMatch(rs.getString("id"), rs.getString("locale"), rs.getString("slug"),
					rs.getString("title"), rs.getString("short_answer"),
					url(rs.getString("locale"), rs.getString("slug")), rs.getDouble("rank"), 1.0))
			.list();
	}

	/**
	 * Published articles of a locale that contain any word of a question, those with the
	 * most of its words first: how the assistant looks for an answer to a question asked
	 * in a sentence, where every word need not match.
	 */
	@Transactional(readOnly = true)
	public List<ArticleMatch> closest(String question, String locale, int limit) {
		String config = SearchLanguage.of(locale);
		String q = question.length() > 500 ? question.substring(0, 500) : question;
		return jdbc
			.sql("""
					with q as (select tsvector_to_array(to_tsvector(cast(:config as regconfig), :q)) as words),
					     any_word as (select cast(array_to_string(array(select quote_literal(w) from unnest(q.words) w), ' | ')
					                              as tsquery) as query, cardinality(q.words) as total
					                    from q where cardinality(q.words) > 0)
					select a.id, a.locale, a.slug, a.title, a.short_answer, ts_rank(a.search, any_word.query) as rank,
					       (select count(*) from unnest(q.words) w where a.search @@ cast(quote_literal(w) as tsquery))
					           / cast(any_word.total as double precision) as coverage
					  from knowledge_article a, q, any_word
					 where a.locale = :locale and a.status = 'PUBLISHED' and a.search @@ any_word.query
					 order by coverage desc, rank desc, a.id limit :limit""")
			.param("config", config)
			.param("q", q)
			.param("locale", locale)
			.param("limit", Math.max(1, Math.min(limit, 50)))
			.query((rs, row) -> new ArticleMatch(rs.getString("id"), rs.getString("locale"), rs.getString("slug"),
					rs.getString("title"), rs.getString("short_answer"),
					url(rs.getString("locale"), rs.getString("slug")), rs.getDouble("rank"), rs.getDouble("coverage")))
			.list();
	}

	/** The public page of an article. */
	public String url(String locale, String slug) {
		return baseUrl + "/help/" + locale + "/" + slug;
	}

	public static boolean isLocale(String locale) {
		return LOCALE.matcher(locale).matches();
	}

	private void write(String sql, String id, ArticleInput input, Instant at) {
		String slug = slug(input.slug());
		if (input.locale() == null || !isLocale(input.locale())) {
			throw ProblemException.invalidField("locale", "must be a language code such as en or pt-BR");
		}
		if (input.categoryId() != null && categories().stream().noneMatch(c -> c.id().equals(input.categoryId()))) {
			throw ProblemException.invalidField("categoryId", "must name an existing category");
		}
		String title = text(input.title(), "title", 200);
		if (input.body() == null || input.body().isBlank()) {
			throw ProblemException.invalidField("body", "is required");
		}
		if (input.body().length() > 100_000) {
			throw ProblemException.invalidField("body", "must be at most 100000 characters");
		}
		String body = ArticleHtml.sanitised(input.body());
		String shortAnswer = text(input.shortAnswer(), "shortAnswer", 320);
		String status = input.status() == null ? "PUBLISHED" : input.status().toUpperCase(Locale.ROOT);
		if (!status.equals("PUBLISHED") && !status.equals("DRAFT")) {
			throw ProblemException.invalidField("status", "must be DRAFT or PUBLISHED");
		}
		try {
			jdbc.sql(sql)
				.param("id", id)
				.param("slug", slug)
				.param("locale", input.locale())
				.param("category", input.categoryId())
				.param("title", title)
				.param("body", body)
				.param("text", ArticleHtml.text(body))
				.param("short", shortAnswer)
				.param("status", status)
				.param("config", SearchLanguage.of(input.locale()))
				.param("at", Timestamp.from(at))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ProblemException.conflict("An article with slug '" + slug + "' exists in " + input.locale());
		}
	}

	private static String slug(@Nullable String slug) {
		if (slug == null || slug.length() > 80 || !SLUG.matcher(slug).matches()) {
			throw ProblemException.invalidField("slug", "must be lower-case words joined by hyphens (at most 80)");
		}
		return slug;
	}

	private static String text(@Nullable String value, String field, int max) {
		if (value == null || value.isBlank()) {
			throw ProblemException.invalidField(field, "is required");
		}
		String stripped = value.strip();
		if (stripped.length() > max) {
			throw ProblemException.invalidField(field, "must be at most " + max + " characters");
		}
		if (stripped.indexOf('<') >= 0 && !field.equals("body")) {
			// Titles and short answers are plain text: they go to SMS and chat as they
			// are
			return ArticleHtml.text(stripped);
		}
		return stripped;
	}

	private Article article(ResultSet rs, int row) throws SQLException {
		return new Article(rs.getString("id"), rs.getString("slug"), rs.getString("locale"),
				rs.getString("category_id"), rs.getString("title"), rs.getString("body"), rs.getString("short_answer"),
				"PUBLISHED".equals(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
