package io.omnis.returns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

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

import io.omnis.fulfilment.WorkQueue;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.returns.Disposition;
import io.omnis.returns.Restocking;
import io.omnis.returns.Return;
import io.omnis.returns.Returns;

/**
 * The store tablet's page for a RESTOCK_RETURN task of its work queue: scan each returned
 * item (keyboard-wedge input), choose per line restock here, damaged or send to a
 * warehouse, complete. A return expected at the store is marked arrived from its returns
 * page.
 */
@Controller
@RequestMapping("/console/stores/{locationId}")
class RestockPages {

	private final Returns returns;

	private final Restocking restocking;

	private final WorkQueue queue;

	private final Locations locations;

	RestockPages(Returns returns, Restocking restocking, WorkQueue queue, Locations locations) {
		this.returns = returns;
		this.restocking = restocking;
		this.queue = queue;
		this.locations = locations;
	}

	@GetMapping("/restock/{taskId}")
	@PreAuthorize("hasAuthority('orders:read')")
	String task(@PathVariable String locationId, @PathVariable String taskId, Model model) {
		Location location = locations.get(locationId);
		WorkTask task = restockTask(location, taskId);
		model.addAttribute("location", location);
		model.addAttribute("task", task);
		model.addAttribute("ret", returns.get(String.valueOf(task.returnId())));
		model.addAttribute("dispositions", Disposition.values());
		model.addAttribute("warehouses", locations.page(null, 100, LocationType.WAREHOUSE).data());
		return "returns/restock";
	}

	@PostMapping("/restock/{taskId}/scan")
	@PreAuthorize("hasAuthority('inventory:write')")
	String scan(@PathVariable String locationId, @PathVariable String taskId,
			@RequestParam(required = false) @Nullable String barcode, RedirectAttributes redirect) {
		Location location = locations.get(locationId);
		restockTask(location, taskId);
		return act(redirect, "redirect:/console/stores/" + location.id() + "/restock/" + taskId, () -> {
			queue.scan(taskId, barcode);
			return "Scanned " + barcode;
		});
	}

	/**
	 * Completes the task: {@code disposition_<line>} per return line and
	 * {@code warehouseId_<line>} for a line sent on.
	 */
	@PostMapping("/restock/{taskId}/complete")
	@PreAuthorize("hasAuthority('orders:write')")
	String complete(@PathVariable String locationId, @PathVariable String taskId,
			@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		Location location = locations.get(locationId);
		WorkTask task = restockTask(location, taskId);
		String back = "redirect:/console/stores/" + location.id() + "/restock/" + taskId;
		try {
			List<Returns.LineDisposition> lines = new ArrayList<>();
			for (int i = 0; i < task.items().size(); i++) {
				String warehouse = form.getFirst("warehouseId_" + i);
				lines.add(new Returns.LineDisposition(form.getFirst("disposition_" + i),
						warehouse == null || warehouse.isBlank() ? null : warehouse));
			}
			Return received = restocking.complete(taskId, new Restocking.Choices(null, null, lines));
			redirect.addFlashAttribute("notice",
					"Return " + received.id() + " restocked: " + received.status().name().toLowerCase(Locale.ROOT));
			return "redirect:/console/stores/" + location.id() + "/work";
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return back;
		}
	}

	/** The return's goods are here: its restock task goes into this store's queue. */
	@PostMapping("/returns/{returnId}/arrived")
	@PreAuthorize("hasAuthority('orders:write')")
	String arrived(@PathVariable String locationId, @PathVariable String returnId, RedirectAttributes redirect) {
		Location location = locations.get(locationId);
		return act(redirect, "redirect:/console/stores/" + location.id() + "/returns", () -> {
			WorkTask task = returns.arrived(returnId, location.id().value());
			return "Return " + returnId + " is in the work queue (task " + task.id() + ")";
		});
	}

	private WorkTask restockTask(Location location, String taskId) {
		WorkTask task = queue.get(taskId);
		if (task.kind() != WorkTask.Kind.RESTOCK_RETURN || !task.locationId().equals(location.id())) {
			throw new NotFoundException("restock task", taskId);
		}
		return task;
	}

	private static String act(RedirectAttributes redirect, String target, Supplier<String> action) {
		try {
			redirect.addFlashAttribute("notice", action.get());
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return target;
	}

}
