package io.omnis.knowledge.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.knowledge.Article;
import io.omnis.knowledge.ArticleMatch;
import io.omnis.knowledge.Category;
import io.omnis.knowledge.KnowledgeBase;
import io.omnis.knowledge.KnowledgeBase.ArticleInput;

/**
 * {@code /api/v1/knowledge}: help articles and categories for staff, and search.
 */
@RestController
@RequestMapping(path = "/api/v1/knowledge", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Knowledge base", description = "Help articles with categories, locales and a short form")
class KnowledgeController {

	private final KnowledgeBase knowledge;

	KnowledgeController(KnowledgeBase knowledge) {
		this.knowledge = knowledge;
	}

	record CategoryInput(@Nullable String slug, @Nullable String name) {
	}

	@GetMapping("/categories")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Categories", description = "Requires `conversations:read`.")
	Map<String, List<Category>> categories() {
		return Map.of("data", knowledge.categories());
	}

	@PostMapping(path = "/categories", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a category", description = "Requires `conversations:manage`.")
	Category createCategory(@RequestBody CategoryInput body) {
		return knowledge.createCategory(body.slug(), body.name());
	}

	@GetMapping("/articles")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Articles by title, drafts included", description = "Requires `conversations:read`.")
	Map<String, List<Article>> articles(@RequestParam(required = false) @Nullable String locale,
			@RequestParam(required = false) @Nullable String categoryId,
			@RequestParam(required = false) @Nullable Integer limit) {
		return Map.of("data", knowledge.list(locale, categoryId, true, limit == null ? 100 : limit));
	}

	@PostMapping(path = "/articles", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Write an article",
			description = "Requires `conversations:manage`. `body` is HTML, sanitised before it is stored; "
					+ "`shortAnswer` plain text (at most 320 characters) for SMS and chat.")
	Article create(@RequestBody ArticleInput body) {
		return knowledge.create(body);
	}

	@GetMapping("/articles/{id}")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "One article", description = "Requires `conversations:read`.")
	Article get(@PathVariable String id) {
		return knowledge.get(id);
	}

	@PutMapping(path = "/articles/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Replace an article", description = "Requires `conversations:manage`.")
	Article update(@PathVariable String id, @RequestBody ArticleInput body) {
		return knowledge.update(id, body);
	}

	@DeleteMapping("/articles/{id}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an article", description = "Requires `conversations:manage`.")
	void delete(@PathVariable String id) {
		knowledge.delete(id);
	}

	@GetMapping("/search")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Search published articles in a locale's language",
			description = "Requires `conversations:read`.")
	Map<String, List<ArticleMatch>> search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "en") String locale) {
		if (q == null || q.isBlank()) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'q' is required",
					List.of(new FieldError("q", "is required")));
		}
		if (!KnowledgeBase.isLocale(locale)) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'locale' is not a language code",
					List.of(new FieldError("locale", "must be a language code such as en or pt-BR")));
		}
		return Map.of("data", knowledge.search(q, locale, 10));
	}

}
