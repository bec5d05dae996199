package io.omnis.console.web;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.omnis.channel.Channels;
import io.omnis.kernel.web.NavigationItem;

/**
 * Sign-in and the home page.
 */
@Controller
class ConsolePages {

	/** Channels the home page lists: the newest; the channels page has them all. */
	static final int NEWEST = 10;

	private final Channels channels;

	private final HealthEndpoint health;

	private final JdbcClient jdbc;

	ConsolePages(Channels channels, HealthEndpoint health, JdbcClient jdbc) {
		this.channels = channels;
		this.health = health;
		this.jdbc = jdbc;
	}

	@GetMapping("/login")
	String login() {
		return "console/login";
	}

	@GetMapping("/")
	String root() {
		return "redirect:/console";
	}

	@GetMapping("/console")
	String home(Model model, Authentication user) {
		Channels.Census census = channels.census();
		model.addAttribute("channels", channels.newest(NEWEST));
		model.addAttribute("channelCount", census.total());
		model.addAttribute("channelsByType", census.byType());
		model.addAttribute("activeChannels", census.active());
		HealthDescriptor status = health.health();
		model.addAttribute("health", status.getStatus().getCode());
		model.addAttribute("database", jdbc.sql("select version()").query(String.class).single());
		model.addAttribute("user", user.getName());
		return "console/home";
	}

	@Bean
	static NavigationItem homeNavigation() {
		return new NavigationItem("Home", "/console", 0, "");
	}

}
