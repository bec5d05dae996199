package io.omnis.fulfilment.web;

import java.time.Clock;
import java.time.Instant;

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

import io.omnis.fulfilment.RejectionReason;
import io.omnis.fulfilment.WorkQueue;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.Location;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.ProblemException;

/**
 * The store tablet's work page: the location's open tasks, most overdue first, and a scan
 * field that a keyboard-wedge scanner types into (the code, then Enter).
 */
@Controller
@RequestMapping("/console/stores/{locationId}/work")
class StoreWorkPages {

	private final WorkQueue queue;

	private final Locations locations;

	private final Clock clock;

	private final Shelf shelf;

	StoreWorkPages(WorkQueue queue, Locations locations, Clock clock, Shelf shelf) {
		this.shelf = shelf;
		this.queue = queue;
		this.locations = locations;
		this.clock = clock;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('inventory:read')")
	String work(@PathVariable String locationId, Model model) {
		Location location = locations.get(locationId);
		Instant now = clock.instant();
		model.addAttribute("location", location);
		var tasks = queue.queue(locationId, null, 200).data();
		model.addAttribute("tasks", tasks.stream().map(t -> TaskView.of(t, now)).toList());
		model.addAttribute("shipping", shelf.shipping(tasks));
		model.addAttribute("pickList", shelf.pickList(locationId));
		return "fulfilment/work";
	}

	@PostMapping("/scan")
	@PreAuthorize("hasAuthority('inventory:write')")
	String scan(@PathVariable String locationId, @RequestParam(required = false) @Nullable String barcode,
			RedirectAttributes redirect) {
		return act(locationId, redirect, () -> {
			WorkTask task = queue.scanAt(locationId, barcode);
			return "Picked " + barcode + (task.status() == WorkTask.Status.DONE ? "; the pick list is complete" : "");
		});
	}

	@PostMapping("/tasks/{taskId}/missing")
	@PreAuthorize("hasAuthority('inventory:write')")
	String missing(@PathVariable String locationId, @PathVariable String taskId, @RequestParam String sku,
			@RequestParam(defaultValue = "NOT_FOUND") RejectionReason reason, RedirectAttributes redirect) {
		return act(locationId, redirect, () -> {
			var reroute = queue.missing(taskId, sku, reason, "flagged on the store's work page");
			return reroute.to().isEmpty() ? sku + " flagged missing: no other location has it; the customer is told"
					: sku + " flagged missing: re-routed to " + reroute.to() + "; the customer is told";
		});
	}

	@PostMapping("/tasks/{taskId}/complete")
	@PreAuthorize("hasAuthority('inventory:write')")
	String complete(@PathVariable String locationId, @PathVariable String taskId, RedirectAttributes redirect) {
		return act(locationId, redirect, () -> queue.complete(taskId).kind() + " done");
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
