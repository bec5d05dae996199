package io.omnis.inventory;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.omnis.channel.ChannelType;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's inventory page, inside the console layout.
 */
class InventoryPagesTests extends InventoryTestSupport {

	@Autowired
	MockMvc mvc;

	@Test
	void theInventoryPageShowsTheStockOfASkuAcrossTheNetworkAndItsRecentMovements() throws Exception {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 7);
		web.api().post("/api/v1/reservations", reservation("cart", List.of(line(sku, location, 2))));

		mvc.perform(get("/console/inventory").param("sku", sku)
			.with(user("associate")
				.authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("inventory:read"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Stock of")))
			.andExpect(content().string(containsString(sku)))
			.andExpect(content().string(containsString("RESERVE")))
			.andExpect(content().string(containsString("href=\"/console/inventory\"")))
			.andExpect(content().string(containsString("id=\"locations\"")))
			// each location links to its work queue and its returns
			.andExpect(content().string(matchesPattern(
					"(?s).*href=\"/console/stores/loc_[0-9a-z]+/work\">Work queue</a>\\s*· <a href=\"/console/stores/loc_[0-9a-z]+/returns\">Returns</a>.*")));
	}

	@Test
	void theInventoryPageNeedsInventoryRead() throws Exception {
		mvc.perform(get("/console/inventory").with(user("marketer")
			.authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("channels:read"))))
			.andExpect(status().isForbidden())
			.andExpect(content().string(not(containsString("id=\"locations\""))));
	}

}
