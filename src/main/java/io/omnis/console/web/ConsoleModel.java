package io.omnis.console.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.omnis.kernel.web.NavigationItem;

/**
 * Gives every console page the navigation its user may see, whichever module renders the
 * page. It is added to the model of a page about to be rendered, not through
 * {@code @ModelAttribute} methods: those would also run before every API call (a
 * {@code @RestController} is a {@code @Controller}), which renders no page.
 */
@Component
class ConsoleModel implements WebMvcConfigurer, HandlerInterceptor {

	private final List<NavigationItem> items;

	ConsoleModel(List<NavigationItem> items) {
		this.items = items.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView page) {
		if (page == null || isRedirectOrForward(page)) {
			return;
		}
		// The request's principal, as a handler's Authentication argument gets it: none
		// for an anonymous visitor
		Authentication authentication = request.getUserPrincipal() instanceof Authentication known ? known : null;
		page.addObject("currentUser", authentication == null ? "" : authentication.getName());
		page.addObject("activePath", activePath(request.getRequestURI()));
		page.addObject("navigation", navigation(authentication));
	}

	private static boolean isRedirectOrForward(ModelAndView page) {
		String name = page.getViewName();
		return (name != null && (name.startsWith("redirect:") || name.startsWith("forward:")))
				|| (page.getView() instanceof SmartView view && view.isRedirectView());
	}

	/**
	 * The navigation entry the current page belongs to: the one with the longest path, or
	 * path it covers, that prefixes the URI.
	 */
	private String activePath(String uri) {
		String active = "";
		int longest = -1;
		for (NavigationItem item : items) {
			for (String prefix : prefixes(item)) {
				if ((uri.equals(prefix) || uri.startsWith(prefix + "/")) && prefix.length() > longest) {
					active = item.path();
					longest = prefix.length();
				}
			}
		}
		return active;
	}

	private static List<String> prefixes(NavigationItem item) {
		List<String> prefixes = new ArrayList<>(item.within());
		prefixes.add(item.path());
		return prefixes;
	}

	private List<NavigationItem> navigation(@Nullable Authentication authentication) {
		if (authentication == null) {
			return List.of();
		}
		Set<String> held = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		return items.stream().filter(item -> item.permission().isEmpty() || held.contains(item.permission())).toList();
	}

}
