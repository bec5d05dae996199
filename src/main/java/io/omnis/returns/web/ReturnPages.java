package io.omnis.returns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.omnis.inventory.Location;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.Order;
import io.omnis.order.Orders;
import io.omnis.returns.Disposition;
import io.omnis.returns.Resolution;
import io.omnis.returns.Return;
import io.omnis.returns.ReturnReason;
import io.omnis.returns.Returns;

/**
 * The console's return pages: start a return of an order (from the customer 360 or the
 * order), one return with its receipt form, and a store's returns to receive (beside its
 * work queue on the store tablet).
 */
@Controller
class ReturnPages {

	private final Returns returns;

	private final Orders orders;

	private final Locations locations;

	ReturnPages(Returns returns, Orders orders, Locations locations) {
		this.returns = returns;
		this.orders = orders;
		this.locations = locations;
	}

	@GetMapping("/console/returns/new")
	@PreAuthorize("hasAuthority('orders:write')")
	String form(@RequestParam String order, Model model) {
		Order found = orders.get(order, null);
		model.addAttribute("order", found);
		model.addAttribute("returnable", returns.returnable(found));
		model.addAttribute("reasons", ReturnReason.values());
		model.addAttribute("resolutions", found.profileId() == null ? List.of(Resolution.REFUND)
				: List.of(Resolution.REFUND, Resolution.STORE_CREDIT));
		return "returns/new";
	}

	/**
	 * Starts the return from the form: {@code quantity_<line>} and {@code reason_<line>}
	 * per order line, {@code resolution}, {@code note}. Posted without quantities (the
	 * 360's action button), it shows the form.
	 */
	@PostMapping("/console/returns/new")
	@PreAuthorize("hasAuthority('orders:write')")
	String start(@RequestParam String order, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes redirect) {
		Order found = orders.get(order, null);
		List<Returns.LineRequest> lines = new ArrayList<>();
		for (int i = 0; i < found.lines().size(); i++) {
			String quantity = form.getFirst("quantity_" + i);
			if (quantity == null || quantity.isBlank() || quantity.strip().equals("0")) {
				continue;
			}
			Integer units;
			try {
				units = Integer.valueOf(quantity.strip());
			}
			catch (NumberFormatException ex) {
				units = -1;
			}
			lines.add(new Returns.LineRequest(i, null, units, form.getFirst("reason_" + i), null));
		}
		if (!form.containsKey("resolution")) {
			return "redirect:/console/returns/new?order=" + found.id();
		}
		try {
			Return started = returns.start(found.id().value(), found.channelId(),
					new Returns.Request(lines, form.getFirst("resolution"), form.getFirst("note"), null), null);
			redirect.addFlashAttribute("notice", "Return started");
			return "redirect:/console/returns/" + started.id();
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/console/returns/new?order=" + found.id();
		}
	}

	@GetMapping("/console/returns/{id}")
	@PreAuthorize("hasAuthority('orders:read')")
	String show(@PathVariable String id, @RequestParam(required = false) @Nullable String location, Model model) {
		Return found = returns.get(id);
		model.addAttribute("ret", found);
		model.addAttribute("locations", locations.page(null, 100, null).data());
		model.addAttribute("warehouses", locations.page(null, 100, LocationType.WAREHOUSE).data());
		model.addAttribute("dispositions", Disposition.values());
		model.addAttribute("location", location != null ? location : found.expectedLocationId());
		return "returns/return";
	}

	/**
	 * Receives the return: {@code locationId}, {@code disposition_<line>} per return
	 * line, {@code warehouseId} for those sent on.
	 */
	@PostMapping("/console/returns/{id}/receive")
	@PreAuthorize("hasAuthority('orders:write')")
	String receive(@PathVariable String id, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			Return found = returns.get(id);
			List<Returns.LineDisposition> lines = new ArrayList<>();
			for (int i = 0; i < found.lines().size(); i++) {
				lines.add(new Returns.LineDisposition(form.getFirst("disposition_" + i), null));
			}
			String warehouse = form.getFirst("warehouseId");
			Return received = returns.receive(id, new Returns.Receipt(form.getFirst("locationId"), null,
					warehouse == null || warehouse.isBlank() ? null : warehouse, lines));
			return "Received: " + received.status().name().toLowerCase(java.util.Locale.ROOT);
		});
	}

	@PostMapping("/console/returns/{id}/cancel")
	@PreAuthorize("hasAuthority('orders:write')")
	String cancel(@PathVariable String id, RedirectAttributes redirect) {
		return act(id, redirect,
				() -> "Return " + returns.cancel(id).status().name().toLowerCase(java.util.Locale.ROOT));
	}

	@GetMapping("/console/stores/{locationId}/returns")
	@PreAuthorize("hasAuthority('orders:read')")
	String expected(@PathVariable String locationId, @RequestParam(required = false) @Nullable String cursor,
			Model model) {
		Location location = locations.get(locationId);
		model.addAttribute("location", location);
		model.addAttribute("page", returns.expectedAt(locationId, cursor, 50));
		return "returns/expected";
	}

	private String act(String id, RedirectAttributes redirect, Supplier<String> action) {
		try {
			redirect.addFlashAttribute("notice", action.get());
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/console/returns/" + returns.get(id).id();
	}

}
