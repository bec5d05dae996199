package io.omnis.kernel.web;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.GarbageJson;
import io.omnis.GeneratedRequests;
import io.omnis.RunningOmnis;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GET of the API, asked by a key holding every permission, with its path variables
 * and query parameters filled from a seed: ids of the wrong kind or malformed, negative,
 * zero and huge numbers, words where numbers, dates, booleans and enums belong, long
 * strings, odd characters, empty and repeated values. None may cause a server error, and
 * every refusal is a problem detail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedQueryInputTests extends RunningOmnis {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private List<GeneratedRequests.Endpoint> endpoints = List.of();

	private GeneratedRequests requests;

	private Caller everything;

	@BeforeAll
	void endpoints() {
		everything = withScopes(Permission.values());
		requests = GeneratedRequests.withIdsFrom(jdbc, everything);
		endpoints = GeneratedRequests.endpoints(mappings, Set.of(RequestMethod.GET));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noGeneratedPathOrQueryCausesAServerError(int seed) {
		assertThat(endpoints).as("GET endpoints of the API").hasSizeGreaterThan(80);
		Random random = new Random(seed);
		for (GeneratedRequests.Endpoint endpoint : endpoints) {
			String uri = requests.uri(endpoint, random);

			Answer answer = everything.get(uri);

			assertThat(answer.status())
				.as("GET %s (%s) answered %s", uri, endpoint.pattern(), GarbageJson.abbreviate(answer.body()))
				.isLessThan(500);
			if (answer.status() >= 400) {
				answer.expectClientProblem();
			}
		}
	}

	@Test
	void aNulCharacterInAQueryIsAProblemNamingTheParameter() {
		everything.get("/api/v1/knowledge/articles?locale=pt&categoryId=a%00b")
			.expectProblem(400, "invalid-parameter", "categoryId");
		everything.get("/api/v1/catalog/search?q%00=x").expectProblem(400, "invalid-parameter", "q?");
		everything.get("/api/v1/catalog/search?q=%2500").expect(200);
		console(signIn("admin", ADMIN_PASSWORD)).get("/console/customers?q=ana%00")
			.expectProblem(400, "invalid-parameter", "q");
	}

	/**
	 * The seeds: 1 to {@code omnis.generated-queries} (5 unless set); each asks every
	 * GET.
	 */
	static java.util.stream.IntStream seeds() {
		return java.util.stream.IntStream.rangeClosed(1, Integer.getInteger("omnis.generated-queries", 5));
	}

}
