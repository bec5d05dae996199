package io.omnis.knowledge;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Articles are written by staff, sanitised, searched in the language of their locale, and
 * shown on the public help centre; bad articles are refused field by field.
 */
class KnowledgeBaseTests extends RunningOmnis {

	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void articlesAreFoundInTheLanguageOfTheirLocaleAndShownSanitisedOnTheHelpCentre() {
		Caller staff = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		String category = staff
			.post("/api/v1/knowledge/categories",
					"{\"slug\":\"orders-" + suffix + "\",\"name\":\"Orders " + suffix + "\"}")
			.expect(201)
			.path("id")
			.asString();
		JsonNode returns = staff.post("/api/v1/knowledge/articles", article("returning-" + suffix, "en", category,
				"Returning an order " + suffix,
				"<p onclick=\\\"steal()\\\">You can return unworn items within 30 days.</p><script>alert(1)</script>"
						+ "<a href=\\\"javascript:alert(2)\\\">here</a> <a href=\\\"https://example.com/form\\\">form</a>",
				"Return unworn items within 30 days: start a return in your account.", null))
			.expect(201);
		String body = returns.path("body").asString();
		assertThat(body).contains("You can return unworn items within 30 days.")
			.doesNotContain("<script", "onclick", "javascript:")
			.contains("href=\"https://example.com/form\"");
		staff
			.post("/api/v1/knowledge/articles",
					article("prazo-" + suffix, "pt", category, "Prazo de entrega " + suffix,
							"<p>As encomendas chegam em três dias úteis.</p>",
							"As encomendas chegam em três dias úteis.", null))
			.expect(201);
		staff
			.post("/api/v1/knowledge/articles",
					article("secret-" + suffix, "en", category, "Unreleased returns " + suffix,
							"<p>Returns of the new line</p>", "Not yet.", "DRAFT"))
			.expect(201);

		// English stemming: "returns" finds "return"; the draft is not found
		JsonNode found = staff.get("/api/v1/knowledge/search?locale=en&q=returns+" + suffix).expect(200).path("data");
		assertThat(found).hasSize(1);
		assertThat(found.get(0).path("url").asString()).endsWith("/help/en/returning-" + suffix);
		assertThat(found.get(0).path("shortAnswer").asString()).startsWith("Return unworn items");
		// Portuguese stemming: "encomenda" finds "encomendas"; not in the English
		// articles
		assertThat(staff.get("/api/v1/knowledge/search?locale=pt&q=encomenda").expect(200).path("data").toString())
			.contains("prazo-" + suffix);
		assertThat(staff.get("/api/v1/knowledge/search?locale=en&q=encomenda").expect(200).path("data").toString())
			.doesNotContain("prazo-" + suffix);

		Answer page = anonymous().get("/help/en/returning-" + suffix);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text()).contains("Returning an order " + suffix, "You can return unworn items")
			.doesNotContain("alert(1)", "steal()", "javascript:");
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'none'");
		assertThat(anonymous().get("/help/en").text()).contains("Orders " + suffix, "returning-" + suffix)
			.doesNotContain("secret-" + suffix);
		assertThat(anonymous().get("/help/en?q=returns").text()).contains("returning-" + suffix);
		assertThat(anonymous().get("/help/en/secret-" + suffix).status()).isEqualTo(404);
	}

	@Test
	void badArticlesAreRefusedNamingTheFieldAndNothingIsStored() {
		Caller staff = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		long before = count();
		String longShort = "x".repeat(321);
		staff.post("/api/v1/knowledge/articles", article("Bad Slug", "en", null, "T", "<p>b</p>", "s", null))
			.expectProblem(400, "invalid-field", "slug");
		staff.post("/api/v1/knowledge/articles", article("ok-" + suffix, "english", null, "T", "<p>b</p>", "s", null))
			.expectProblem(400, "invalid-field", "locale");
		staff.post("/api/v1/knowledge/articles", article("ok-" + suffix, "en", null, "T", "<p>b</p>", longShort, null))
			.expectProblem(400, "invalid-field", "shortAnswer");
		staff.post("/api/v1/knowledge/articles", article("ok-" + suffix, "en", "kbc_nope", "T", "<p>b</p>", "s", null))
			.expectProblem(400, "invalid-field", "categoryId");
		staff.post("/api/v1/knowledge/articles", article("ok-" + suffix, "en", null, " ", "<p>b</p>", "s", null))
			.expectProblem(400, "invalid-field", "title");
		staff.post("/api/v1/knowledge/articles", article("ok-" + suffix, "en", null, "T", "<p>b</p>", "s", "LIVE"))
			.expectProblem(400, "invalid-field", "status");
		assertThat(count()).isEqualTo(before);
		staff.post("/api/v1/knowledge/articles", article("ok-" + suffix, "en", null, "T", "<p>b</p>", "s", null))
			.expect(201);
		staff.post("/api/v1/knowledge/articles", article("ok-" + suffix, "en", null, "T2", "<p>b</p>", "s", null))
			.expectProblem(409, "conflict");
		staff.get("/api/v1/knowledge/search?locale=en").expectProblem(400, "invalid-parameter", "q");
		withScopes(Permission.CONVERSATIONS_READ)
			.post("/api/v1/knowledge/articles", article("no-" + suffix, "en", null, "T", "<p>b</p>", "s", null))
			.expectProblem(403, "forbidden");
		assertThat(count()).isEqualTo(before + 1);
	}

	private long count() {
		return jdbc.sql("select count(*) from knowledge_article").query(Long.class).single();
	}

	private static String article(String slug, String locale, String category, String title, String body,
			String shortAnswer, String status) {
		return "{\"slug\":\"" + slug + "\",\"locale\":\"" + locale + "\",\"categoryId\":"
				+ (category == null ? "null" : "\"" + category + "\"") + ",\"title\":\"" + title + "\",\"body\":\""
				+ body + "\",\"shortAnswer\":\"" + shortAnswer + "\",\"status\":"
				+ (status == null ? "null" : "\"" + status + "\"") + "}";
	}

}
