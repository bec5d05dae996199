package io.omnis.console.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.omnis.kernel.web.NavigationItem;

/**
 * Gives every console page the navigation its user may see, whichever module renders the
 * page.
 */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModel {

	private final List<NavigationItem> items;

	ConsoleModel(List<NavigationItem> items) {
		this.items = items.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
	}

	@ModelAttribute("currentUser")
	String currentUser(Authentication authentication) {
		return authentication == null ? "" : authentication.getName();
	}

	/**
	 * The navigation entry the current page belongs to: the longest path that prefixes
	 * the URI.
	 */
	@ModelAttribute("activePath")
	String activePath(jakarta.servlet.http.HttpServletRequest request) {
		String uri = request.getRequestURI();
		return items.stream()
			.map(NavigationItem::path)
			.filter(path -> uri.equals(path) || uri.startsWith(path + "/"))
			.reduce((a, b) -> a.length() >= b.length() ? a : b)
			.orElse("");
	}

	@ModelAttribute("navigation")
	List<NavigationItem> navigation(Authentication authentication) {
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
