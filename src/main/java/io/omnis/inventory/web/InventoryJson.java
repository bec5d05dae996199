package io.omnis.inventory.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.Allocation;
import io.omnis.inventory.Movement;
import io.omnis.inventory.MovementType;
import io.omnis.inventory.Stock;
import io.omnis.inventory.StockChange;

/**
 * The JSON shapes of the stock, ledger and allocation API.
 */
final class InventoryJson {

	private InventoryJson() {
	}

	record MovementBody(@Nullable MovementType type, @Nullable String sku, @Nullable String locationId,
			@Nullable Integer quantity, @Nullable String reason, @Nullable String reference,
			@Nullable String channelId) {

		StockChange change(String prefix) {
			return new StockChange(Requests.required(type, prefix + "type"), Requests.sku(sku, prefix + "sku"),
					Requests.location(locationId, prefix + "locationId"),
					Requests.required(quantity, prefix + "quantity"), reason, reference);
		}

	}

	record MovementBatch(@Nullable List<MovementBody> movements, @Nullable String channelId) {
	}

	record MovementView(String id, String sku, String locationId, MovementType type, int onHandDelta, int reservedDelta,
			int onHandAfter, int reservedAfter, @Nullable String reason, @Nullable String reference,
			@Nullable String channelId, String actor, Instant occurredAt) {

		static MovementView of(Movement m) {
			return new MovementView(m.id(), m.sku().value(), m.locationId().value(), m.type(), m.onHandDelta(),
					m.reservedDelta(), m.onHandAfter(), m.reservedAfter(), m.reason(), m.reference(),
					m.channelId() == null ? null : m.channelId().value(), m.actor(), m.occurredAt());
		}

	}

	record MovementsView(List<MovementView> movements) {
	}

	/**
	 * @param available what can be promised, whichever channel asks (allocations aside)
	 */
	record StockView(String sku, String locationId, int onHand, int reserved, int safetyStock, int allocated,
			int available, Instant updatedAt) {

		static StockView of(Stock s) {
			return new StockView(s.sku().value(), s.locationId().value(), s.onHand(), s.reserved(), s.safetyStock(),
					s.allocated(), s.free(), s.updatedAt());
		}

	}

	record NetworkStockView(String sku, int onHand, int reserved, int available, List<StockView> locations) {

		static NetworkStockView of(String sku, List<Stock> stocks) {
			return new NetworkStockView(sku, stocks.stream().mapToInt(Stock::onHand).sum(),
					stocks.stream().mapToInt(Stock::reserved).sum(), stocks.stream().mapToInt(Stock::free).sum(),
					stocks.stream().map(StockView::of).toList());
		}

	}

	record SafetyStockBody(@Nullable String sku, @Nullable String locationId, @Nullable Integer safetyStock) {
	}

	record AllocationBody(@Nullable String sku, @Nullable String locationId, @Nullable String channelId,
			@Nullable Integer quantity) {
	}

	record AllocationView(String sku, String locationId, String channelId, int quantity, int reserved, int remaining,
			Instant updatedAt) {

		static AllocationView of(Allocation a) {
			return new AllocationView(a.sku().value(), a.locationId().value(), a.channelId().value(), a.quantity(),
					a.reserved(), a.remaining(), a.updatedAt());
		}

	}

	record AllocationsView(List<AllocationView> data) {
	}

}
