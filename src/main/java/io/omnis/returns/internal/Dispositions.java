package io.omnis.returns.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

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
 * TRANSFER_OUT there and a TRANSFER_IN at the warehouse; DAMAGED moves no stock.
 */
@Component
public class Dispositions {

	private final Inventory inventory;

	private final Places places;

	Dispositions(Inventory inventory, Places places) {
		this.inventory = inventory;
		this.places = places;
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

	/** Records the stock movements of the disposed lines, received at the location. */
	public void move(Return open, LocationId at, List<ReturnLine> disposed) {
		List<StockChange> changes = new ArrayList<>();
		for (ReturnLine line : disposed) {
			Sku sku = new Sku(line.sku());
			switch (line.disposition()) {
				case RESTOCK -> changes.add(change(MovementType.RETURN, sku, at, line, open));
				case TO_WAREHOUSE -> {
					LocationId warehouse = new LocationId(String.valueOf(line.disposedTo()));
					changes.add(change(MovementType.RETURN, sku, at, line, open));
					changes.add(change(MovementType.TRANSFER_OUT, sku, at, line, open));
					changes.add(change(MovementType.TRANSFER_IN, sku, warehouse, line, open));
				}
				case DAMAGED -> {
				}
				case null -> throw new IllegalStateException("every line has a disposition");
			}
		}
		if (!changes.isEmpty()) {
			inventory.record(changes, open.channelId(), null);
		}
	}

	private static StockChange change(MovementType type, Sku sku, LocationId location, ReturnLine line, Return r) {
		return new StockChange(type, sku, location, line.quantity(), "return " + line.reason().name(), r.id().value());
	}

}
