package io.omnis.kernel.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler mapping's index never changes which handler a request gets: every path of
 * every mapping of the application, and near misses of each (another method, a trailing
 * slash, another case, percent-encoding, a longer path, other content types, a CORS
 * pre-flight), find the same handler, with the same path variables, pattern and media
 * types, or the same refusal, with the index and without it; and the index, not Spring's
 * loop over every mapping, finds nearly all of them.
 */
class PrefixedRequestMappingsTests extends RunningOmnis {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theIndexedMappingIsInstalled() {
		assertThat(mappings).isInstanceOf(PrefixedRequestMappings.Mapping.class);
	}

	@Test
	void everyRequestFindsWhatItFoundWithoutTheIndex() {
		PrefixedRequestMappings.Mapping mapping = (PrefixedRequestMappings.Mapping) mappings;
		Set<String[]> requests = new LinkedHashSet<>();
		int withVariables = 0;
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				String path = concrete(pattern.getPatternString());
				withVariables += path.equals(pattern.getPatternString()) ? 0 : 1;
				Set<String> methods = new LinkedHashSet<>();
				info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
				methods.addAll(List.of("GET", "POST", "DELETE"));
				for (String variant : variants(path)) {
					for (String method : methods) {
						requests.add(new String[] { method, variant, "application/json", "*/*" });
					}
					// other content types and accepted types, and a CORS pre-flight
					requests.add(new String[] { "POST", variant, "text/plain", "application/json" });
					requests.add(new String[] { "GET", variant, "", "text/html" });
					requests.add(new String[] { "OPTIONS", variant, "", "*/*" });
				}
			}
		}
		assertThat(withVariables).as("paths with variables, where Spring loops over every mapping").isGreaterThan(50);
		List<String> differences = new ArrayList<>();
		long decidedBefore = mapping.decidedByIndex();
		int found = 0;
		for (String[] request : requests) {
			mapping.useIndex(false);
			String without = outcome(mapping, request);
			mapping.useIndex(true);
			String with = outcome(mapping, request);
			boolean handled = !without.equals("none") && !without.contains("Exception: ");
			// Spring's loop decides pre-flights and percent-encoded paths
			found += handled && !request[0].equals("OPTIONS") && !request[1].contains("%") ? 1 : 0;
			if (!with.equals(without)) {
				differences.add(String.join(" ", request) + ": " + with + " instead of " + without);
			}
		}
		assertThat(requests).hasSizeGreaterThan(1000);
		assertThat(differences).isEmpty();
		// the index, not Spring's loop, found nearly every handler found
		assertThat(mapping.decidedByIndex() - decidedBefore).isGreaterThan(found * 9L / 10);
	}

	@Test
	void literalStartsEndAtTheFirstVariableOrWildcard() {
		assertThat(start("/api/v1/carts/{id}/lines")).isEqualTo("/api/v1/carts/");
		assertThat(start("/api/v1/carts")).isEqualTo("/api/v1/carts");
		assertThat(start("/a?c")).isEqualTo("/a");
		assertThat(start("/a-{id}")).isEqualTo("/a-");
		// these match "/files" and "/" too
		assertThat(start("/files/**")).isEqualTo("/files");
		assertThat(start("/files/{*path}")).isEqualTo("/files");
		assertThat(start("/{*rest}")).isEqualTo("");
		PathPatternParser parser = PathPatternParser.defaultInstance;
		assertThat(parser.parse("/files/**").matches(PathContainer.parsePath("/files"))).isTrue();
		assertThat(parser.parse("/files/{*path}").matches(PathContainer.parsePath("/files"))).isTrue();
	}

	private static String start(String pattern) {
		return PrefixedRequestMappings.Mapping.literalStart(PathPatternParser.defaultInstance.parse(pattern));
	}

	private static String concrete(String pattern) {
		return pattern.replaceAll("\\{\\*[^}]*}", "a/b")
			.replaceAll("\\{[^}]*}", "x1")
			.replace("**", "a/b")
			.replace("*", "x");
	}

	private static List<String> variants(String path) {
		List<String> variants = new ArrayList<>(
				List.of(path, path + "/", path + "/more", path.toUpperCase(), path.substring(0, path.length() - 1)));
		int letter = path.indexOf('/', 1) + 1;
		if (letter > 0 && letter < path.length() && Character.isLetter(path.charAt(letter))) {
			variants.add(path.substring(0, letter) + "%%%02X".formatted((int) path.charAt(letter))
					+ path.substring(letter + 1));
		}
		return variants;
	}

	/**
	 * The handler found for method, path, content type and accepted type, or the refusal.
	 */
	private static String outcome(RequestMappingHandlerMapping mapping, String[] asked) {
		MockHttpServletRequest request = new MockHttpServletRequest(asked[0], asked[1]);
		if (!asked[2].isEmpty()) {
			request.setContentType(asked[2]);
		}
		request.addHeader("Accept", asked[3]);
		if (asked[0].equals("OPTIONS")) {
			request.addHeader("Origin", "https://shop.example.com");
			request.addHeader("Access-Control-Request-Method", "POST");
		}
		ServletRequestPathUtils.parseAndCache(request);
		try {
			HandlerExecutionChain chain = mapping.getHandler(request);
			if (chain == null) {
				return "none";
			}
			Object handler = chain.getHandler();
			return (handler instanceof HandlerMethod found ? found.getMethod().toGenericString()
					: handler.getClass().getName()) + " "
					+ request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) + " "
					+ request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) + " "
					+ request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) + " "
					+ request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
		}
		catch (Exception ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

}
