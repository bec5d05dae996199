package io.omnis.kernel.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the handler of a request whose path has variables without testing every mapping
 * in full.
 * <p>
 * Spring MVC looks a path without variables up in a map, but for one with variables
 * ({@code /api/v1/carts/{id}/lines}) it tests every mapping of the application in turn:
 * method, content types, then the path. With some 400 mappings this was 7 % of Omnis's
 * CPU in a checkout (ADR 0027). Each mapping's patterns have a literal start (up to the
 * first variable or wildcard) which any path they match begins with; a mapping whose
 * literal starts the path does not begin with is skipped before its conditions are
 * tested; one whose literal start the path does begin with has its path patterns tested
 * first (a match on the parsed path, which rules out most of those left) rather than
 * last, after its method and content types.
 * <p>
 * The shortcut only applies where it cannot change the outcome: case-sensitive patterns
 * (the default) and paths without percent-encoding (a pattern matches the decoded path:
 * {@code car%74s} matches {@code carts}). The mapping that does match, the best of
 * several, 405 and 415 answers are Spring's own: those are decided from the mappings that
 * pass, or from all of them when none does.
 */
@Configuration(proxyBeanMethods = false)
class PrefixedRequestMappings {

	@Bean
	WebMvcRegistrations prefixedRequestMappingRegistrations() {
		return new WebMvcRegistrations() {

			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new Mapping();
			}

		};
	}

	static class Mapping extends RequestMappingHandlerMapping {

		private final Map<RequestMappingInfo, String[]> literalStarts = new ConcurrentHashMap<>();

		private final ThreadLocal<@Nullable String> plainPath = new ThreadLocal<>();

		private volatile boolean shortcut = true;

		/** For the tests that compare the outcome with and without the shortcut. */
		void shortcut(boolean on) {
			this.shortcut = on;
		}

		@Override
		protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
			super.registerHandlerMethod(handler, method, mapping);
			String[] starts = literalStarts(mapping);
			if (starts != null) {
				this.literalStarts.put(mapping, starts);
			}
		}

		/**
		 * The literal start of each pattern, or null when a pattern has none to check.
		 */
		private String @Nullable [] literalStarts(RequestMappingInfo mapping) {
			PathPatternsRequestCondition patterns = mapping.getPathPatternsCondition();
			if (patterns == null || getPatternParser() == null || !getPatternParser().isCaseSensitive()) {
				return null;
			}
			String[] starts = patterns.getPatterns().stream().map(Mapping::literalStart).toArray(String[]::new);
			for (String start : starts) {
				if (start.length() <= 1) {
					return null;
				}
			}
			return starts;
		}

		static String literalStart(PathPattern pattern) {
			String text = pattern.getPatternString();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '{' || c == '*' || c == '?' || c == '\\') {
					return text.substring(0, i);
				}
			}
			return text;
		}

		@Override
		protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
				throws Exception {
			this.plainPath.set(this.shortcut && lookupPath.indexOf('%') < 0 ? lookupPath : null);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			finally {
				this.plainPath.remove();
			}
		}

		@Override
		protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			String path = this.plainPath.get();
			if (path != null) {
				String[] starts = this.literalStarts.get(info);
				if (starts != null && (!startsWithAny(path, starts)
						|| info.getPathPatternsCondition().getMatchingCondition(request) == null)) {
					// Spring tests the method and the content types before the path,
					// which
					// alone rules out nearly every mapping sharing the literal start
					return null;
				}
			}
			return super.getMatchingMapping(info, request);
		}

		private static boolean startsWithAny(String path, String[] starts) {
			for (String start : starts) {
				if (path.startsWith(start)) {
					return true;
				}
			}
			return false;
		}

	}

}
