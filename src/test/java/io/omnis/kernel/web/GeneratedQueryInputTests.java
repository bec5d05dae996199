package io.omnis.kernel.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.GarbageJson;
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

	private static final List<String> VALUES = List.of("", "0", "-1", "1", "2147483648", "99999999999999999999", "1.5",
			"NaN", "true", "yes", "null", "2026-11-24", "2026-11-24T10:00:00Z", "2026-13-45T99:99:99Z", "yesterday",
			"ACTIVE", "active", "OPEN", "EUR", "XXX", "PT", "cus_01jd4k7q8m3v5x6y7z8a9b0c1d",
			"prf_00000000000000000000000000", "chn_", "prl_zzzzzzzzzzzzzzzzzzzzzzzzzz", "email:ana@example.com",
			"phone:+351912345678", "loyalty_card:", "a:b:c", "*", "%", "_", "..", "../../etc/passwd", "\u0000",
			"\u202e\u200b", "\ud83d\ude00", "'; drop table profile; --", "<script>alert(1)</script>",
			"ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZS5m", "{\"a\":1}", "[1,2]", "a,b,c");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	/** The table whose ids a path variable after this segment names. */
	private static final Map<String, String> TABLES = Map.ofEntries(Map.entry("conversations", "conversation"),
			Map.entry("locations", "location"), Map.entry("products", "product"), Map.entry("profiles", "profile"),
			Map.entry("customers", "profile"), Map.entry("orders", "customer_order"),
			Map.entry("webhooks", "webhook_subscription"), Map.entry("price-lists", "price_list"),
			Map.entry("fulfilments", "fulfilment"), Map.entry("channels", "channel"),
			Map.entry("reservations", "reservation"), Map.entry("carts", "cart"),
			Map.entry("returns", "customer_return"));

	private final List<Endpoint> endpoints = new ArrayList<>();

	/**
	 * Some real ids per path segment, so that a request gets past its lookup now and
	 * then.
	 */
	private final Map<String, List<String>> ids = new java.util.HashMap<>();

	private Caller everything;

	/** A GET of the API: its path pattern and the names of its query parameters. */
	private record Endpoint(String pattern, List<String> parameters) {
	}

	@BeforeAll
	void endpoints() {
		everything = withScopes(Permission.values());
		// one of each, so that a lone run has ids to use too
		everything.post("/api/v1/locations", """
				{"name":"Query store","type":"STORE","address":{"line1":"Rua 1","city":"Porto","country":"PT"},
				 "timeZone":"Europe/Lisbon"}""").expect(201);
		everything
			.post("/api/v1/catalog/products",
					"""
							{"handle":"%s","title":"Query","status":"ACTIVE","variants":[{"sku":"%s"}]}"""
						.formatted("query-" + System.nanoTime(), "QUERY-" + System.nanoTime()))
			.expect(201);
		everything.post("/api/v1/catalog/price-lists", """
				{"name":"%s","currency":"EUR","taxInclusive":true}""".formatted(unique("Query"))).expect(201);
		everything.post("/api/v1/carts", """
				{"currency":"EUR","country":"PT","anonymousId":"query-%d"}""".formatted(System.nanoTime())).expect(201);
		TABLES.forEach((segment, table) -> ids.put(segment,
				jdbc.sql("select id from " + table + " order by id desc limit 3").query(String.class).list()));
		DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
		List<Map.Entry<RequestMappingInfo, HandlerMethod>> all = new ArrayList<>(
				mappings.getHandlerMethods().entrySet());
		// in a fixed order, so that a seed gives the same requests on every run
		all.sort(java.util.Comparator.comparing(entry -> entry.getKey().toString()));
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : all) {
			RequestMappingInfo info = entry.getKey();
			var methods = info.getMethodsCondition().getMethods();
			boolean streams = info.getProducesCondition()
				.getProducibleMediaTypes()
				.contains(MediaType.TEXT_EVENT_STREAM);
			if (!(methods.isEmpty() || methods.contains(RequestMethod.GET)) || streams) {
				continue;
			}
			List<String> parameters = new ArrayList<>();
			for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				if (param != null && !parameter.hasParameterAnnotation(PathVariable.class)) {
					parameter.initParameterNameDiscovery(names);
					String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
					if (name != null && !Map.class.isAssignableFrom(parameter.getParameterType())) {
						parameters.add(name);
					}
				}
			}
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				if (pattern.getPatternString().startsWith("/api/")) {
					endpoints.add(new Endpoint(pattern.getPatternString(), parameters));
				}
			}
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noGeneratedPathOrQueryCausesAServerError(int seed) {
		assertThat(endpoints).as("GET endpoints of the API").hasSizeGreaterThan(80);
		Random random = new Random(seed);
		for (Endpoint endpoint : endpoints) {
			String path = endpoint.pattern().replaceAll("\\{\\*?[^}]*}", "%s");
			Object[] variables = new Object[(int) path.chars().filter(c -> c == '%').count()];
			String[] segments = endpoint.pattern().split("/");
			int variable = 0;
			for (int i = 1; i < segments.length; i++) {
				if (segments[i].startsWith("{")) {
					List<String> real = ids.getOrDefault(segments[i - 1], List.of());
					variables[variable++] = !real.isEmpty() && random.nextBoolean()
							? real.get(random.nextInt(real.size())) : encoded(value(random));
				}
			}
			while (variable < variables.length) {
				variables[variable++] = encoded(value(random));
			}
			StringBuilder query = new StringBuilder();
			for (String parameter : endpoint.parameters()) {
				for (int times = random.nextInt(6) == 0 ? 2 : random.nextInt(4) == 0 ? 0 : 1; times > 0; times--) {
					query.append(query.isEmpty() ? '?' : '&')
						.append(encoded(parameter))
						.append('=')
						.append(encoded(value(random)));
				}
			}
			String uri = path.formatted(variables) + query;

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

	private static String value(Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> "x".repeat(1 + random.nextInt(random.nextBoolean() ? 300 : 9_000));
			case 1 -> Long.toString(random.nextLong());
			case 2 -> new String(new char[] { (char) random.nextInt(0xD800), (char) random.nextInt(0x80) });
			default -> VALUES.get(random.nextInt(VALUES.size()));
		};
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
