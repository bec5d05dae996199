package io.omnis.kernel.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler mapping's shortcut never changes which handler a request gets: every path
 * of every mapping of the application, and near misses of each (another method, a
 * trailing slash, another case, percent-encoding, a longer path), find the same handler,
 * with the same path variables, or the same refusal, with the shortcut and without it.
 */
class PrefixedRequestMappingsTests extends RunningOmnis {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theShortcutIsInstalled() {
		assertThat(mappings).isInstanceOf(PrefixedRequestMappings.Mapping.class);
	}

	@Test
	void everyRequestFindsWhatItFoundWithoutTheShortcut() {
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
						requests.add(new String[] { method, variant });
					}
				}
			}
		}
		assertThat(withVariables).as("paths with variables, where the shortcut applies").isGreaterThan(50);
		List<String> differences = new ArrayList<>();
		for (String[] request : requests) {
			mapping.shortcut(false);
			String without = outcome(mapping, request[0], request[1]);
			mapping.shortcut(true);
			String with = outcome(mapping, request[0], request[1]);
			if (!with.equals(without)) {
				differences.add(request[0] + " " + request[1] + ": " + with + " instead of " + without);
			}
		}
		assertThat(requests).hasSizeGreaterThan(1000);
		assertThat(differences).isEmpty();
	}

	@Test
	void literalStartsEndAtTheFirstVariableOrWildcard() {
		assertThat(start("/api/v1/carts/{id}/lines")).isEqualTo("/api/v1/carts/");
		assertThat(start("/api/v1/carts")).isEqualTo("/api/v1/carts");
		assertThat(start("/files/**")).isEqualTo("/files/");
		assertThat(start("/a?c")).isEqualTo("/a");
		assertThat(start("/{*rest}")).isEqualTo("/");
	}

	private static String start(String pattern) {
		return PrefixedRequestMappings.Mapping
			.literalStart(org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse(pattern));
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

	private static String outcome(RequestMappingHandlerMapping mapping, String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setContentType("application/json");
		request.addHeader("Accept", "*/*");
		ServletRequestPathUtils.parseAndCache(request);
		try {
			HandlerExecutionChain chain = mapping.getHandler(request);
			if (chain == null) {
				return "none";
			}
			Object handler = chain.getHandler();
			return (handler instanceof HandlerMethod found ? found.getMethod().toGenericString() : handler.toString())
					+ " " + request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		}
		catch (Exception ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

}
