package io.omnis.fulfilment.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.omnis.fulfilment.Packing;
import io.omnis.fulfilment.Parcel;
import io.omnis.fulfilment.Parcels;
import io.omnis.fulfilment.PickLists;
import io.omnis.inventory.Location;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.ProblemException;

/**
 * The store tablet's shipping actions beside its work page: pack what was picked into a
 * parcel by its weight, ship a parcel with the manual carrier's tracking number and link,
 * and the pick list to print.
 */
@Controller
@RequestMapping("/console/stores/{locationId}")
class ShippingPages {

	/** The most parcels the tablet's split form offers (the API takes up to 50). */
	static final int MAX_PARCELS_ON_PAGE = 10;

	private final Parcels parcels;

	private final Packing packing;

	private final PickLists pickLists;

	private final Locations locations;

	ShippingPages(Parcels parcels, Packing packing, PickLists pickLists, Locations locations) {
		this.parcels = parcels;
		this.packing = packing;
		this.pickLists = pickLists;
		this.locations = locations;
	}

	@GetMapping("/pick-list")
	@PreAuthorize("hasAuthority('inventory:read')")
	String pickList(@PathVariable String locationId, Model model) {
		model.addAttribute("location", locations.get(locationId));
		model.addAttribute("pickList", ShippingController.PickListView.of(pickLists.of(locationId)));
		return "fulfilment/pick-list";
	}

	@PostMapping("/work/tasks/{taskId}/parcels")
	@PreAuthorize("hasAuthority('inventory:write')")
	String pack(@PathVariable String locationId, @PathVariable String taskId,
			@RequestParam(required = false) @Nullable Integer weightGrams, RedirectAttributes redirect) {
		return act(locationId, redirect, () -> {
			Parcel parcel = packing.packAll(taskId, weightGrams).get(0);
			return "Packed parcel " + parcel.id() + " (" + parcel.weightGrams() + " g): ship it with its tracking";
		});
	}

	/**
	 * The form to split what a PACK task holds into several parcels: a row per SKU still
	 * to pack, a column per parcel with its units and its weight.
	 */
	@GetMapping("/work/tasks/{taskId}/pack")
	@PreAuthorize("hasAuthority('inventory:write')")
	String packForm(@PathVariable String locationId, @PathVariable String taskId,
			@RequestParam(defaultValue = "2") int parcels, Model model) {
		int count = Math.clamp(parcels, 1, MAX_PARCELS_ON_PAGE);
		Map<String, Integer> left = packing.toPack(taskId);
		model.addAttribute("location", locations.get(locationId));
		model.addAttribute("taskId", taskId);
		model.addAttribute("split", Split.allInFirst(left, count));
		return "fulfilment/pack";
	}

	/**
	 * Packs the split as entered: every picked unit in exactly one parcel, each weighed.
	 * A wrong split is shown again with the problem and packs nothing.
	 */
	@PostMapping("/work/tasks/{taskId}/pack")
	@PreAuthorize("hasAuthority('inventory:write')")
	String packSplit(@PathVariable String locationId, @PathVariable String taskId,
			@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
		Location location = locations.get(locationId);
		Split split = Split.read(form, packing.toPack(taskId), MAX_PARCELS_ON_PAGE);
		try {
			List<Parcel> packed = packing.pack(taskId, split.inputs());
			redirect.addFlashAttribute("notice",
					"Packed " + packed.size() + " parcels ("
							+ String.join(", ",
									packed.stream().map(p -> p.id() + ", " + p.weightGrams() + " g").toList())
							+ "): ship each with its tracking");
			return "redirect:/console/stores/" + location.id() + "/work";
		}
		catch (ProblemException ex) {
			model.addAttribute("location", location);
			model.addAttribute("taskId", taskId);
			model.addAttribute("split", split);
			model.addAttribute("error", ex.getMessage());
			return "fulfilment/pack";
		}
	}

	@PostMapping("/work/parcels/{parcelId}/ship")
	@PreAuthorize("hasAuthority('inventory:write')")
	String ship(@PathVariable String locationId, @PathVariable String parcelId,
			@RequestParam(required = false) @Nullable String trackingNumber,
			@RequestParam(required = false) @Nullable String trackingUrl, RedirectAttributes redirect) {
		return act(locationId, redirect, () -> {
			Parcel parcel = parcels.ship(parcelId, "manual",
					Map.of("trackingNumber", trackingNumber == null ? "" : trackingNumber, "trackingUrl",
							trackingUrl == null ? "" : trackingUrl));
			return "Shipped parcel " + parcel.id() + " (" + parcel.trackingNumber() + ")";
		});
	}

	private String act(String locationId, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
		Location location = locations.get(locationId);
		try {
			redirect.addFlashAttribute("notice", action.get());
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/console/stores/" + location.id() + "/work";
	}

}
