package io.omnis.inventory.web;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.inventory.Allocations;
import io.omnis.inventory.Inventory;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;
import io.omnis.inventory.StockChange;
import io.omnis.inventory.web.InventoryJson.AllocationBody;
import io.omnis.inventory.web.InventoryJson.AllocationView;
import io.omnis.inventory.web.InventoryJson.AllocationsView;
import io.omnis.inventory.web.InventoryJson.MovementBatch;
import io.omnis.inventory.web.InventoryJson.MovementBody;
import io.omnis.inventory.web.InventoryJson.MovementView;
import io.omnis.inventory.web.InventoryJson.MovementsView;
import io.omnis.inventory.web.InventoryJson.NetworkStockView;
import io.omnis.inventory.web.InventoryJson.SafetyStockBody;
import io.omnis.inventory.web.InventoryJson.StockView;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/inventory}: stock movements, stock, the ledger and allocations.
 */
@RestController
@RequestMapping(path = "/api/v1/inventory", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inventory", description = "Stock per SKU and location, its ledger and channel allocations")
class InventoryController {

	private final Inventory inventory;

	private final Allocations allocations;

	private final Channels channels;

	InventoryController(Inventory inventory, Allocations allocations, Channels channels) {
		this.inventory = inventory;
		this.allocations = allocations;
		this.channels = channels;
	}

	@PostMapping(path = "/movements", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Record one stock movement",
			description = "Requires `inventory:write`. RECEIPT, RETURN, TRANSFER_IN add `quantity`; SALE, "
					+ "TRANSFER_OUT take it; ADJUSTMENT adds a signed quantity; COUNT sets on hand to it.")
	MovementView record(@RequestBody MovementBody body, Authentication caller) {
		ChannelId channel = Requests.channel(caller, body.channelId(), "channelId", channels, true);
		return MovementView.of(inventory.record(List.of(body.change("")), channel, null).getFirst());
	}

	@PostMapping(path = "/movements/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Record up to 500 stock movements, all or none", description = "Requires `inventory:write`.")
	MovementsView recordBatch(@RequestBody MovementBatch body, Authentication caller) {
		ChannelId channel = Requests.channel(caller, body.channelId(), "channelId", channels, true);
		List<MovementBody> bodies = Requests.required(body.movements(), "movements");
		if (bodies.isEmpty() || bodies.size() > Inventory.MAX_BATCH) {
			throw ProblemException.invalidField("movements", "must hold 1 to " + Inventory.MAX_BATCH + " movements");
		}
		List<StockChange> changes = new ArrayList<>();
		for (int i = 0; i < bodies.size(); i++) {
			String prefix = "movements[" + i + "].";
			MovementBody movement = Requests.required(bodies.get(i), "movements[" + i + "]");
			if (movement.channelId() != null) {
				throw ProblemException.invalidField(prefix + "channelId", "is given once, for the whole batch");
			}
			changes.add(movement.change(prefix));
		}
		return new MovementsView(
				inventory.record(changes, channel, "movements").stream().map(MovementView::of).toList());
	}

	@GetMapping(path = "/stock", params = "location")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "The stock of a SKU at a location", description = "Requires `inventory:read`.")
	StockView stock(@RequestParam(required = false) @Nullable String sku, @RequestParam String location) {
		Sku checkedSku = Requests.sku(sku, "sku");
		LocationId checkedLocation = Requests.location(location, "location");
		return inventory.stock(checkedSku, checkedLocation)
			.map(StockView::of)
			.orElseThrow(() -> new NotFoundException("stock of SKU '" + checkedSku + "' at location",
					checkedLocation.value()));
	}

	@GetMapping(path = "/stock", params = "!location")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "The stock of a SKU at every location that has had some",
			description = "Requires `inventory:read`.")
	NetworkStockView networkStock(@RequestParam(required = false) @Nullable String sku) {
		Sku checkedSku = Requests.sku(sku, "sku");
		return NetworkStockView.of(checkedSku.value(), inventory.stockOf(checkedSku));
	}

	@PutMapping(path = "/stock/safety-stock", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "Set the units a location keeps back and never promises",
			description = "Requires `inventory:write`.")
	StockView safetyStock(@RequestBody SafetyStockBody body) {
		return StockView.of(inventory.setSafetyStock(Requests.sku(body.sku(), "sku"),
				Requests.location(body.locationId(), "locationId"),
				Requests.required(body.safetyStock(), "safetyStock")));
	}

	@GetMapping("/ledger")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "Every movement of a SKU at a location, oldest first",
			description = "Requires `inventory:read`.")
	Page<MovementView> ledger(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String location,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return inventory.ledger(Requests.sku(sku, "sku"), Requests.location(location, "location"), cursor, limit)
			.map(MovementView::of);
	}

	@PutMapping(path = "/allocations", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:manage')")
	@Operation(summary = "Hold units of a SKU at a location for one channel (0 pools them again)",
			description = "Requires `inventory:manage`. No other channel can reserve held units.")
	AllocationView allocate(@RequestBody AllocationBody body) {
		String channelId = Requests.required(body.channelId(), "channelId");
		if (!Ids.isValid(ChannelId.PREFIX, channelId)) {
			throw ProblemException.invalidField("channelId", "is not a known channel");
		}
		return AllocationView.of(allocations.allocate(Requests.sku(body.sku(), "sku"),
				Requests.location(body.locationId(), "locationId"), new ChannelId(channelId),
				Requests.required(body.quantity(), "quantity")));
	}

	@GetMapping("/allocations")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "The allocations of a SKU, a location, or both", description = "Requires `inventory:read`.")
	AllocationsView allocations(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String location) {
		return new AllocationsView(allocations
			.list(sku == null ? null : Requests.sku(sku, "sku"),
					location == null ? null : Requests.location(location, "location"))
			.stream()
			.map(AllocationView::of)
			.toList());
	}

}
