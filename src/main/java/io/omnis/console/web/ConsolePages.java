package io.omnis.console.web;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.web.NavigationItem;

/**
 * Sign-in and the home page.
 */
@Controller
class ConsolePages {

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
		var page = channels.page(null, 200, null, null);
		Map<ChannelType, Long> byType = new TreeMap<>();
		page.data().forEach(channel -> byType.merge(channel.type(), 1L, Long::sum));
		HealthDescriptor status = health.health();
		model.addAttribute("channels", page.data());
		model.addAttribute("moreChannels", page.nextCursor() != null);
		model.addAttribute("channelsByType", byType);
		model.addAttribute("activeChannels", page.data().stream().filter(Channel::isActive).count());
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
