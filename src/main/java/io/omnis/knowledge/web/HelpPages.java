package io.omnis.knowledge.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.omnis.kernel.problem.NotFoundException;
import io.omnis.knowledge.Article;
import io.omnis.knowledge.Category;
import io.omnis.knowledge.KnowledgeBase;

/**
 * The public help centre, rendered on the server: articles of a locale by category, a
 * search, and each article's page.
 */
@Controller
class HelpPages {

	private final KnowledgeBase knowledge;

	HelpPages(KnowledgeBase knowledge) {
		this.knowledge = knowledge;
	}

	/** The published articles of a category, as the index shows them. */
	record Section(String name, List<Article> articles) {
	}

	@GetMapping("/help")
	String home() {
		return "redirect:/help/en";
	}

	@GetMapping("/help/{locale}")
	String index(@PathVariable String locale, @RequestParam(required = false) @Nullable String q, Model model) {
		if (!KnowledgeBase.isLocale(locale)) {
			throw new NotFoundException("help centre", locale);
		}
		model.addAttribute("locale", locale);
		model.addAttribute("q", q == null ? "" : q);
		if (q != null && !q.isBlank()) {
			model.addAttribute("matches", knowledge.search(q, locale, 20));
		}
		else {
			List<Article> articles = knowledge.list(locale, null, false, 200);
			List<Section> sections = new ArrayList<>();
			for (Category category : knowledge.categories()) {
				List<Article> in = articles.stream().filter(a -> category.id().equals(a.categoryId())).toList();
				if (!in.isEmpty()) {
					sections.add(new Section(category.name(), in));
				}
			}
			List<Article> other = articles.stream().filter(a -> a.categoryId() == null).toList();
			if (!other.isEmpty()) {
				sections.add(new Section("Other", other));
			}
			model.addAttribute("sections", sections);
		}
		return "knowledge/help";
	}

	@GetMapping("/help/{locale}/{slug}")
	String article(@PathVariable String locale, @PathVariable String slug, Model model) {
		Article article = knowledge.published(locale, slug).orElseThrow(() -> new NotFoundException("article", slug));
		model.addAttribute("article", article);
		model.addAttribute("locale", locale);
		return "knowledge/article";
	}

}
