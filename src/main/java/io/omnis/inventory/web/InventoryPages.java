package io.omnis.inventory.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.omnis.inventory.Inventory;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Sku;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;
import io.omnis.kernel.web.Page;

/**
 * The console's inventory page: the locations, and the stock of a SKU across the network
 * with its latest movements.
 */
@Controller
@RequestMapping("/console/inventory")
class InventoryPages {

	private static final int RECENT = 50;

	private final Locations locations;

	private final Inventory inventory;

	InventoryPages(Locations locations, Inventory inventory) {
		this.locations = locations;
		this.inventory = inventory;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('inventory:read')")
	String inventory(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		Page<Location> page = locations.page(cursor, 50, null);
		model.addAttribute("page", page);
		model.addAttribute("sku", sku);
		if (sku != null && !sku.isBlank()) {
			if (Sku.isValid(sku)) {
				Sku checked = new Sku(sku);
				Map<LocationId, String> names = page.data()
					.stream()
					.collect(Collectors.toMap(Location::id, Location::name));
				model.addAttribute("stock", inventory.stockOf(checked));
				model.addAttribute("movements", inventory.recentMovements(checked, RECENT));
				model.addAttribute("names", names);
			}
			else {
				model.addAttribute("error", "'" + sku + "' is not a SKU: 1 to 64 printable characters");
			}
		}
		return "inventory/inventory";
	}

	@Bean
	static NavigationItem inventoryNavigation() {
		return new NavigationItem("Inventory", "/console/inventory", 20, Permission.INVENTORY_READ.authority(),
				List.of("/console/stores"));
	}

}
