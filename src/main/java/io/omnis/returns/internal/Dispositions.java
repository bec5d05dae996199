package io.omnis.returns.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.omnis.catalog.Catalog;
import io.omnis.catalog.KitComponent;
import io.omnis.catalog.Variant;
import io.omnis.inventory.Inventory;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.MovementType;
import io.omnis.inventory.Sku;
import io.omnis.inventory.StockChange;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.returns.Disposition;
import io.omnis.returns.Return;
import io.omnis.returns.ReturnLine;
import io.omnis.returns.Returns;

/**
 * What becomes of each line of a return received at a location, and the stock movements
 * that follow: RESTOCK is a RETURN movement there; TO_WAREHOUSE a RETURN and a
 * TRANSFER_OUT there and a TRANSFER_IN at the warehouse; DAMAGED moves no stock. A kit
 * moves as its parts.
 */
@Component
public class Dispositions {

	private final Inventory inventory;

	private final Places places;

	private final Catalog catalog;

	Dispositions(Inventory inventory, Places places, Catalog catalog) {
		this.inventory = inventory;
		this.places = places;
		this.catalog = catalog;
	}

	/** Each line of the return with the disposition chosen for it. */
	public List<ReturnLine> chosen(Return open, Returns.Receipt receipt) {
		Disposition fallback = receipt.disposition() == null ? null
				: Enums.of(Disposition.class, receipt.disposition(), "disposition");
		List<Returns.LineDisposition> given = receipt.lines() == null ? List.of() : receipt.lines();
		if (given.size() > open.lines().size()) {
			throw ProblemException.invalidField("lines",
					"must hold at most the return's " + open.lines().size() + " lines");
		}
		List<ReturnLine> disposed = new ArrayList<>();
		for (int i = 0; i < open.lines().size(); i++) {
			ReturnLine line = open.lines().get(i);
			Returns.LineDisposition chosen = i < given.size() ? given.get(i) : null;
			String field = "lines[" + i + "]";
			Disposition disposition = chosen != null && chosen.disposition() != null
					? Enums.of(Disposition.class, chosen.disposition(), field + ".disposition") : fallback;
			if (disposition == null) {
				throw ProblemException.invalidField(field + ".disposition",
						"is required (or a disposition for every line): one of "
								+ Arrays.toString(Disposition.values()));
			}
			String to = null;
			if (disposition == Disposition.TO_WAREHOUSE) {
				boolean own = chosen != null && chosen.warehouseId() != null;
				String warehouseField = own ? field + ".warehouseId" : "warehouseId";
				Location warehouse = places.get(own ? chosen.warehouseId() : receipt.warehouseId(), warehouseField);
				if (warehouse.type() != LocationType.WAREHOUSE) {
					throw ProblemException.invalidField(warehouseField,
							"is a " + warehouse.type() + ", not a WAREHOUSE");
				}
				to = warehouse.id().value();
			}
			else if (disposition == Disposition.RESTOCK) {
				to = receipt.locationId();
			}
			disposed.add(new ReturnLine(line.orderLine(), line.sku(), line.quantity(), line.unitRefund(), line.reason(),
					line.note(), disposition, to));
		}
		return disposed;
	}

	/**
	 * Records the stock movements of the disposed lines, received at the location. A kit
	 * goes back as its parts (stock is kept for the parts only, as it was held and sold),
	 * by the kit's composition in the catalog when it is received.
	 */
	public void move(Return open, LocationId at, List<ReturnLine> disposed) {
		List<StockChange> changes = new ArrayList<>();
		for (ReturnLine line : disposed) {
			for (Map.Entry<Sku, Integer> part : parts(line).entrySet()) {
				Sku sku = part.getKey();
				int units = part.getValue();
				switch (line.disposition()) {
					case RESTOCK -> changes.add(change(MovementType.RETURN, sku, units, at, line, open));
					case TO_WAREHOUSE -> {
						LocationId warehouse = new LocationId(String.valueOf(line.disposedTo()));
						changes.add(change(MovementType.RETURN, sku, units, at, line, open));
						changes.add(change(MovementType.TRANSFER_OUT, sku, units, at, line, open));
						changes.add(change(MovementType.TRANSFER_IN, sku, units, warehouse, line, open));
					}
					case DAMAGED -> {
					}
					case null -> throw new IllegalStateException("every line has a disposition");
				}
			}
		}
		if (!changes.isEmpty()) {
			inventory.record(changes, open.channelId(), null);
		}
	}

	/**
	 * The stocked SKUs the line's units are made of: a kit's parts, or the SKU itself.
	 */
	private Map<Sku, Integer> parts(ReturnLine line) {
		Variant variant = catalog.variant(line.sku()).orElse(null);
		if (variant == null || !variant.isKit()) {
			return Map.of(new Sku(line.sku()), line.quantity());
		}
		Map<Sku, Integer> parts = new LinkedHashMap<>();
		for (KitComponent component : variant.components()) {
			parts.merge(new Sku(component.sku()), component.quantity() * line.quantity(), Integer::sum);
		}
		return parts;
	}

	private static StockChange change(MovementType type, Sku sku, int units, LocationId location, ReturnLine line,
			Return r) {
		return new StockChange(type, sku, location, units, "return " + line.reason().name(), r.id().value());
	}

}
