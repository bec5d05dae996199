package io.omnis;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Requests to every endpoint of the API generated from a seed: the endpoints as the
 * application maps them, path variables that are real ids of the resource now and then
 * and otherwise anything, query parameter values of every awkward kind, and bodies shaped
 * like the endpoint's request body type.
 */
public final class GeneratedRequests {

	private static final List<String> VALUES = List.of("", "0", "-1", "1", "2147483648", "99999999999999999999", "1.5",
			"NaN", "true", "yes", "null", "2026-11-24", "2026-11-24T10:00:00Z", "2026-13-45T99:99:99Z", "yesterday",
			"ACTIVE", "active", "OPEN", "EUR", "XXX", "PT", "cus_01jd4k7q8m3v5x6y7z8a9b0c1d",
			"prf_00000000000000000000000000", "chn_", "prl_zzzzzzzzzzzzzzzzzzzzzzzzzz", "email:ana@example.com",
			"phone:+351912345678", "loyalty_card:", "a:b:c", "*", "%", "_", "..", "../../etc/passwd", "\u0000",
			"\u202e\u200b", "\ud83d\ude00", "'; drop table profile; --", "<script>alert(1)</script>",
			"ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZS5m", "{\"a\":1}", "[1,2]", "a,b,c");

	/** The table whose ids a path variable after this segment names. */
	private static final Map<String, String> TABLES = Map.ofEntries(Map.entry("conversations", "conversation"),
			Map.entry("locations", "location"), Map.entry("products", "product"), Map.entry("profiles", "profile"),
			Map.entry("customers", "profile"), Map.entry("orders", "customer_order"),
			Map.entry("webhooks", "webhook_subscription"), Map.entry("price-lists", "price_list"),
			Map.entry("fulfilments", "fulfilment"), Map.entry("channels", "channel"),
			Map.entry("reservations", "reservation"), Map.entry("carts", "cart"),
			Map.entry("returns", "customer_return"));

	/**
	 * An endpoint of the API: one path pattern and method of a handler, its query
	 * parameters, and the type of its JSON body if it takes one.
	 */
	public record Endpoint(String pattern, RequestMethod method, List<String> parameters, @Nullable Type body) {
	}

	/**
	 * Some real ids per path segment, so that a request gets past its lookup now and
	 * then.
	 */
	private final Map<String, List<String>> ids = new HashMap<>();

	private GeneratedRequests() {
	}

	/**
	 * The generator, with the ids of the resources in the database once the caller has
	 * created one of each kind (so that a database of a lone test has some too).
	 */
	public static GeneratedRequests withIdsFrom(JdbcClient jdbc, Caller creator) {
		createOneOfEach(creator);
		GeneratedRequests requests = new GeneratedRequests();
		TABLES.forEach((segment, table) -> requests.ids.put(segment,
				jdbc.sql("select id from " + table + " order by id desc limit 3").query(String.class).list()));
		return requests;
	}

	/**
	 * Creates a location, a product, a price list and a cart, so that a database holding
	 * nothing else has ids of those kinds to use.
	 */
	private static void createOneOfEach(Caller caller) {
		long now = System.nanoTime();
		caller
			.post("/api/v1/locations",
					"""
							{"name":"Generated store %d","type":"STORE","address":{"line1":"Rua 1","city":"Porto","country":"PT"},
							 "timeZone":"Europe/Lisbon"}"""
						.formatted(now))
			.expect(201);
		caller
			.post("/api/v1/catalog/products",
					"""
							{"handle":"generated-%d","title":"Generated","status":"ACTIVE","variants":[{"sku":"GENERATED-%d"}]}"""
						.formatted(now, now))
			.expect(201);
		caller.post("/api/v1/catalog/price-lists", """
				{"name":"Generated %d","currency":"EUR","taxInclusive":true}""".formatted(now)).expect(201);
		caller.post("/api/v1/carts", """
				{"currency":"EUR","country":"PT","anonymousId":"generated-%d"}""".formatted(now)).expect(201);
	}

	/**
	 * The endpoints under {@code /api/} answering one of these methods, in a fixed order
	 * (so that a seed makes the same requests on every run); event streams left out.
	 */
	public static List<Endpoint> endpoints(RequestMappingHandlerMapping mappings, Set<RequestMethod> methods) {
		DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
		List<Map.Entry<RequestMappingInfo, HandlerMethod>> all = new ArrayList<>(
				mappings.getHandlerMethods().entrySet());
		all.sort(Comparator.comparing(entry -> entry.getKey().toString()));
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : all) {
			RequestMappingInfo info = entry.getKey();
			if (info.getProducesCondition().getProducibleMediaTypes().contains(MediaType.TEXT_EVENT_STREAM)) {
				continue;
			}
			List<String> parameters = new ArrayList<>();
			Type body = null;
			for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				if (param != null && !Map.class.isAssignableFrom(parameter.getParameterType())) {
					parameter.initParameterNameDiscovery(names);
					String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
					if (name != null) {
						parameters.add(name);
					}
				}
				if (parameter.hasParameterAnnotation(RequestBody.class)) {
					body = parameter.getGenericParameterType();
				}
			}
			Set<RequestMethod> mapped = info.getMethodsCondition().getMethods();
			for (RequestMethod method : mapped.isEmpty() ? Set.of(RequestMethod.GET) : mapped) {
				if (!methods.contains(method)) {
					continue;
				}
				for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
					if (pattern.getPatternString().startsWith("/api/")) {
						endpoints.add(new Endpoint(pattern.getPatternString(), method, List.copyOf(parameters), body));
					}
				}
			}
		}
		return endpoints;
	}

	/**
	 * The endpoint's path with its variables filled (half of them with a real id of the
	 * resource where there is one) and its query parameters set, left out or repeated.
	 */
	public String uri(Endpoint endpoint, Random random) {
		StringBuilder uri = new StringBuilder();
		String[] segments = endpoint.pattern().split("/");
		for (int i = 1; i < segments.length; i++) {
			uri.append('/');
			String segment = segments[i];
			if (segment.contains("{")) {
				List<String> real = ids.getOrDefault(segments[i - 1], List.of());
				String value = segment.startsWith("{") && !real.isEmpty() && random.nextBoolean()
						? real.get(random.nextInt(real.size())) : encoded(value(random));
				uri.append(segment.replaceAll("\\{[^}]*}", java.util.regex.Matcher.quoteReplacement(value)));
			}
			else {
				uri.append(segment);
			}
		}
		char separator = '?';
		for (String parameter : endpoint.parameters()) {
			for (int times = random.nextInt(6) == 0 ? 2 : random.nextInt(4) == 0 ? 0 : 1; times > 0; times--) {
				uri.append(separator).append(encoded(parameter)).append('=').append(encoded(value(random)));
				separator = '&';
			}
		}
		return uri.toString();
	}

	/** Any awkward value: long, numeric, odd characters, or one of a list of traps. */
	public static String value(Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> "x".repeat(1 + random.nextInt(random.nextBoolean() ? 300 : 9_000));
			case 1 -> Long.toString(random.nextLong());
			case 2 -> new String(new char[] { (char) random.nextInt(0xD800), (char) random.nextInt(0x80) });
			default -> VALUES.get(random.nextInt(VALUES.size()));
		};
	}

	/**
	 * A body shaped like the type: a record's components by name with values of their
	 * types (nested records and lists of them two levels deep), for {@link GarbageJson}
	 * to mutate; an empty object for anything else.
	 */
	public Map<String, Object> template(@Nullable Type type, Random random) {
		Object shaped = shape(type, random, 0);
		if (shaped instanceof Map<?, ?> map) {
			Map<String, Object> template = new LinkedHashMap<>();
			map.forEach((key, value) -> template.put(String.valueOf(key), value));
			return template.isEmpty() ? new LinkedHashMap<>(Map.of("name", "x")) : template;
		}
		return new LinkedHashMap<>(Map.of("name", "x"));
	}

	private @Nullable Object shape(@Nullable Type type, Random random, int depth) {
		Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
				: type instanceof Class<?> plain ? plain : Object.class;
		if (raw == String.class) {
			return random.nextInt(3) == 0 ? value(random) : "x" + random.nextInt(1000);
		}
		if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
			return random.nextInt(5);
		}
		if (raw == Double.class || raw == double.class || raw == java.math.BigDecimal.class) {
			return random.nextDouble();
		}
		if (raw == Boolean.class || raw == boolean.class) {
			return random.nextBoolean();
		}
		if (raw == Instant.class) {
			return Instant.now().plusSeconds(random.nextInt(86_400)).toString();
		}
		if (raw == LocalDate.class) {
			return LocalDate.now().plusDays(random.nextInt(30)).toString();
		}
		if (raw == LocalTime.class) {
			return LocalTime.of(random.nextInt(24), 0).toString();
		}
		if (raw.isEnum()) {
			Object[] constants = raw.getEnumConstants();
			return constants[random.nextInt(constants.length)].toString();
		}
		if (depth > 2) {
			return null;
		}
		if (Collection.class.isAssignableFrom(raw)) {
			Type element = type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0]
					: Object.class;
			List<Object> list = new ArrayList<>();
			for (int i = random.nextInt(3); i >= 0; i--) {
				list.add(shape(element, random, depth + 1));
			}
			return list;
		}
		if (raw.isRecord()) {
			Map<String, Object> object = new LinkedHashMap<>();
			for (RecordComponent component : raw.getRecordComponents()) {
				object.put(component.getName(), shape(component.getGenericType(), random, depth + 1));
			}
			return object;
		}
		return random.nextBoolean() ? Map.of("key", "value") : "x";
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
