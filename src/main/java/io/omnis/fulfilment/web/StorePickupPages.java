package io.omnis.fulfilment.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.omnis.fulfilment.Pickup;
import io.omnis.fulfilment.Pickups;
import io.omnis.inventory.Location;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.ProblemException;

/**
 * The counter on the store tablet: the associate types or scans the customer's code, sees
 * what waits for her, and hands over all of it or the lines she takes; curbside arrivals
 * show up live (polled) with the parking spot.
 */
@Controller
@RequestMapping("/console/stores/{locationId}/work")
class StorePickupPages {

	private final Pickups pickups;

	private final Locations locations;

	StorePickupPages(Pickups pickups, Locations locations) {
		this.pickups = pickups;
		this.locations = locations;
	}

	@PostMapping("/pickups/find")
	@PreAuthorize("hasAuthority('inventory:read')")
	String find(@PathVariable String locationId, @RequestParam(required = false) @Nullable String code,
			RedirectAttributes redirect) {
		Location location = locations.get(locationId);
		try {
			Pickup pickup = pickups.check(locationId, code);
			redirect.addFlashAttribute("pickup", PickupView.of(pickup));
			redirect.addFlashAttribute("pickupCode", code);
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/console/stores/" + location.id() + "/work";
	}

	@PostMapping("/pickups")
	@PreAuthorize("hasAuthority('inventory:write')")
	String handOver(@PathVariable String locationId, @RequestParam(required = false) @Nullable String code,
			@RequestParam(name = "sku", required = false) @Nullable List<String> skus,
			@RequestParam(name = "quantity", required = false) @Nullable List<Integer> quantities,
			@RequestParam(defaultValue = "KEEP") Pickups.Remainder remainder, RedirectAttributes redirect) {
		Location location = locations.get(locationId);
		List<Pickups.Wanted> lines = new ArrayList<>();
		if (skus != null && quantities != null) {
			for (int i = 0; i < Math.min(skus.size(), quantities.size()); i++) {
				Integer quantity = quantities.get(i);
				if (quantity != null && quantity > 0) {
					lines.add(new Pickups.Wanted(skus.get(i), quantity));
				}
			}
			if (lines.isEmpty()) {
				redirect.addFlashAttribute("error", "Give at least one unit to hand over");
				return "redirect:/console/stores/" + location.id() + "/work";
			}
		}
		try {
			Pickup pickup = pickups.handOver(locationId, code, lines, remainder);
			int handed = pickup.handOvers().isEmpty() ? 0 : pickup.handOvers().getLast().quantity();
			redirect.addFlashAttribute("notice", pickup.status() == Pickup.Status.COLLECTED
					? "Handed over: order " + pickup.reference() + " is collected" : "Handed over part of order "
							+ pickup.reference() + "; " + pickup.remaining() + " units keep waiting for the same code");
			if (handed == 0) {
				redirect.addFlashAttribute("notice", "Nothing handed over");
			}
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/console/stores/" + location.id() + "/work";
	}

	@GetMapping("/arrivals")
	@PreAuthorize("hasAuthority('inventory:read')")
	String arrivals(@PathVariable String locationId, Model model) {
		model.addAttribute("location", locations.get(locationId));
		model.addAttribute("arrivals", pickups.arrivals(locationId).stream().map(PickupView::of).toList());
		return "fulfilment/work :: arrivals";
	}

}
