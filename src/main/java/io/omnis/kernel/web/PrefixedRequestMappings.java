package io.omnis.kernel.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the handler of a request whose path has variables by testing only the mappings
 * that could match it.
 * <p>
 * Spring MVC looks a path without variables up in a map, but for one with variables
 * ({@code /api/v1/carts/{id}/lines}) it tests every mapping of the application in turn:
 * method, content types, then the path. With some 400 mappings that loop was 7 % of
 * Omnis's CPU in a checkout and 16 % in a lookup by id (ADR 0027). Each mapping's
 * patterns have a literal start (up to the first variable or wildcard) which any path
 * they match begins with. The mappings are indexed by those starts; a request looks up
 * only the prefixes of its path that could be one (the whole path, the prefixes ending a
 * segment at the lengths where some start does, and any prefix at the lengths where some
 * start ends inside a segment), and tests the mappings found there, their path first (a
 * match on the parsed path, which rules out most of them), then Spring's full test.
 * <p>
 * The index only decides where it cannot change the outcome: case-sensitive patterns (the
 * default), paths without percent-encoding (a pattern matches the decoded path:
 * {@code car%74s} matches {@code carts}) or segment parameters, not a CORS pre-flight
 * request, and a single best match. The best of several is chosen as Spring chooses it
 * (mappings naming the path directly first, then Spring's comparator); when none matches,
 * or two are equally good, Spring's own lookup over every mapping decides, so its 404,
 * 405 and 415 answers and its errors are unchanged.
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

		/**
		 * The mappings by the literal start of their patterns (one entry per pattern),
		 * with every distinct length of those starts, ascending, and what ends there;
		 * built once Spring has registered every mapping, again if one changes later.
		 */
		private volatile Index index = Index.EMPTY;

		private volatile boolean initialized;

		private volatile boolean useIndex = true;

		/** Lookups the index answered without Spring's loop over every mapping. */
		private final LongAdder decided = new LongAdder();

		/** For the tests that compare the outcome with and without the index. */
		void useIndex(boolean on) {
			this.useIndex = on;
		}

		long decidedByIndex() {
			return this.decided.sum();
		}

		@Override
		protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
			super.handlerMethodsInitialized(handlerMethods);
			reindex(handlerMethods);
			this.initialized = true;
		}

		@Override
		protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
			super.registerHandlerMethod(handler, method, mapping);
			if (this.initialized) {
				reindex(getHandlerMethods());
			}
		}

		@Override
		public void unregisterMapping(RequestMappingInfo mapping) {
			super.unregisterMapping(mapping);
			if (this.initialized) {
				reindex(getHandlerMethods());
			}
		}

		private synchronized void reindex(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
			Map<String, List<Entry>> byStart = new HashMap<>();
			Map<RequestMappingInfo, HandlerMethod> unindexed = new HashMap<>();
			handlerMethods.forEach((mapping, handler) -> {
				List<PathPattern> patterns = indexable(mapping);
				if (patterns == null) {
					unindexed.put(mapping, handler);
					return;
				}
				for (PathPattern pattern : patterns) {
					String start = literalStart(pattern);
					// Spring looks a mapping up by a direct path (a pattern without
					// variables or wildcards) before all others
					boolean direct = mapping.getDirectPaths().contains(start);
					byStart.computeIfAbsent(start, key -> new ArrayList<>())
						.add(new Entry(mapping, handler, direct, !start.equals(pattern.getPatternString())));
				}
			});
			this.index = Index.of(byStart, unindexed);
		}

		/**
		 * The mapping's patterns, or null when one has no literal start to index by (or
		 * patterns are not matched case-sensitively).
		 */
		private @Nullable List<PathPattern> indexable(RequestMappingInfo mapping) {
			PathPatternsRequestCondition patterns = mapping.getPathPatternsCondition();
			if (patterns == null || getPatternParser() == null || !getPatternParser().isCaseSensitive()) {
				return null;
			}
			for (PathPattern pattern : patterns.getPatterns()) {
				if (literalStart(pattern).length() <= 1) {
					return null;
				}
			}
			return List.copyOf(patterns.getPatterns());
		}

		static String literalStart(PathPattern pattern) {
			String text = pattern.getPatternString();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '{' || c == '*' || c == '?' || c == '\\') {
					// "/files/**" and "/files/{*path}" match "/files" as well
					boolean rest = c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*'
							|| c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '*';
					return text.substring(0, rest && i > 0 && text.charAt(i - 1) == '/' ? i - 1 : i);
				}
			}
			return text;
		}

		/**
		 * Tests only the mappings that could match: those whose literal start the path
		 * begins with, and those without one. When one or more match, the best is chosen
		 * as Spring chooses it (direct paths first, then the mapping comparator); when
		 * none does, when two are equally good, or for a CORS pre-flight request,
		 * Spring's own lookup over every mapping decides, so that its 404, 405 and 415
		 * answers and its errors stay its own.
		 */
		@Override
		protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
				throws Exception {
			// A pattern matches the decoded path without its segments' parameters (";"):
			// such a path need not begin with the literal start of what it matches
			if (!this.useIndex || lookupPath.indexOf('%') >= 0 || lookupPath.indexOf(';') >= 0
					|| CorsUtils.isPreFlightRequest(request)) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			Index current = this.index;
			List<Candidate> direct = new ArrayList<>(2);
			List<Candidate> patterned = new ArrayList<>(4);
			int n = lookupPath.length();
			for (int i = 0; i < current.lengths.length && current.lengths[i] <= n; i++) {
				int length = current.lengths[i];
				// A start that is all of its pattern can only be the whole path, and one
				// that ends a segment only a prefix ending a segment
				boolean possible = length == n || current.midSegment[i]
						|| current.segmentEnd[i] && lookupPath.charAt(length - 1) == '/';
				List<Entry> entries = possible ? current.byStart.get(lookupPath.substring(0, length)) : null;
				if (entries != null) {
					for (Entry entry : entries) {
						boolean isDirect = length == n && entry.direct();
						match(entry.mapping(), entry.handler(), request, isDirect ? direct : patterned);
					}
				}
			}
			current.unindexed.forEach((mapping, handler) -> match(mapping, handler, request,
					mapping.getDirectPaths().contains(lookupPath) ? direct : patterned));
			// As Spring: the mappings with the path as a direct path, if any matches
			List<Candidate> matches = direct.isEmpty() ? patterned : direct;
			if (matches.isEmpty()) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			Candidate best = matches.getFirst();
			if (matches.size() > 1) {
				Comparator<RequestMappingInfo> comparator = getMappingComparator(request);
				matches.sort((a, b) -> comparator.compare(a.match(), b.match()));
				best = matches.getFirst();
				if (comparator.compare(best.match(), matches.get(1).match()) == 0) {
					return super.lookupHandlerMethod(lookupPath, request);
				}
			}
			this.decided.increment();
			request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler());
			handleMatch(best.match(), lookupPath, request);
			return best.handler();
		}

		private void match(RequestMappingInfo mapping, HandlerMethod handler, HttpServletRequest request,
				List<Candidate> into) {
			for (Candidate seen : into) {
				if (seen.mapping() == mapping) {
					return; // two of its patterns share the path's literal start
				}
			}
			// The path first: it rules out nearly every mapping sharing the literal
			// start, where Spring would test the method and the content types before it
			if (mapping.getPathPatternsCondition() != null
					&& mapping.getPathPatternsCondition().getMatchingCondition(request) == null) {
				return;
			}
			RequestMappingInfo match = getMatchingMapping(mapping, request);
			if (match != null) {
				into.add(new Candidate(mapping, match, handler));
			}
		}

		private record Candidate(RequestMappingInfo mapping, RequestMappingInfo match, HandlerMethod handler) {
		}

		/**
		 * A mapping under one of its literal starts: {@code direct} when that start is a
		 * path Spring looks it up by directly, {@code prefix} when its pattern goes on
		 * past the start (with a variable or wildcard).
		 */
		private record Entry(RequestMappingInfo mapping, HandlerMethod handler, boolean direct, boolean prefix) {
		}

		/**
		 * Immutable: a change of mappings replaces it. Mappings with a pattern whose
		 * literal start is too short to index by are kept apart, and always tested.
		 */
		private record Index(Map<String, List<Entry>> byStart, int[] lengths, boolean[] segmentEnd,
				boolean[] midSegment, Map<RequestMappingInfo, HandlerMethod> unindexed) {

			static final Index EMPTY = of(Map.of(), Map.of());

			static Index of(Map<String, List<Entry>> byStart, Map<RequestMappingInfo, HandlerMethod> unindexed) {
				int[] lengths = byStart.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
				boolean[] segmentEnd = new boolean[lengths.length];
				boolean[] midSegment = new boolean[lengths.length];
				Map<String, List<Entry>> copied = new HashMap<>();
				byStart.forEach((start, entries) -> {
					copied.put(start, List.copyOf(entries));
					int at = java.util.Arrays.binarySearch(lengths, start.length());
					if (entries.stream().anyMatch(Entry::prefix)) {
						segmentEnd[at] |= start.endsWith("/");
						midSegment[at] |= !start.endsWith("/");
					}
				});
				return new Index(Map.copyOf(copied), lengths, segmentEnd, midSegment, Map.copyOf(unindexed));
			}

		}

	}

}
