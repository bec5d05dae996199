package io.omnis.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.inventory.internal.AllocationStore;
import io.omnis.inventory.internal.StockStore;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Ring-fences stock for channels. Without allocations the network is pooled: every
 * channel sells every location's stock. An allocation holds units of a SKU at a location
 * for one channel; no other channel can reserve them.
 */
@Service
@Transactional
public class Allocations {

	private final AllocationStore allocations;

	private final StockStore stock;

	private final Locations locations;

	private final Channels channels;

	private final Clock clock;

	Allocations(AllocationStore allocations, StockStore stock, Locations locations, Channels channels, Clock clock) {
		this.allocations = allocations;
		this.stock = stock;
		this.locations = locations;
		this.channels = channels;
		this.clock = clock;
	}

	/**
	 * Holds {@code quantity} units for the channel from now on (0 gives them back to
	 * everyone). More units can only be held if no channel holds them yet; fewer cannot
	 * go below what the channel's reservations already hold.
	 */
	public Allocation allocate(Sku sku, LocationId location, ChannelId channel, int quantity) {
		if (quantity < 0 || quantity > Inventory.MAX_QUANTITY) {
			throw ProblemException.invalidField("quantity", "must be between 0 and " + Inventory.MAX_QUANTITY);
		}
		if (locations.find(location).isEmpty()) {
			throw new ProblemException(ProblemType.NOT_FOUND, "No location with id '" + location + "'",
					List.of(new FieldError("locationId", "is not a known location")));
		}
		if (channels.find(channel).isEmpty()) {
			throw new ProblemException(ProblemType.NOT_FOUND, "No channel with id '" + channel + "'",
					List.of(new FieldError("channelId", "is not a known channel")));
		}
		Instant now = clock.instant();
		stock.ensure(sku, location, now);
		Allocation current = allocations.lock(sku, location, channel)
			.orElse(new Allocation(sku, location, channel, 0, 0, now));
		if (quantity < current.reserved()) {
			throw new ProblemException(ProblemType.CONFLICT,
					current.reserved() + " units of the allocation are reserved; it cannot go below that",
					List.of(new FieldError("quantity", "is less than the " + current.reserved() + " units reserved")));
		}
		int delta = quantity - current.quantity();
		Stock after = stock.addAllocated(sku, location, delta, now)
			.orElseThrow(() -> notEnoughUnallocated(sku, location, delta));
		allocations.put(sku, location, channel, quantity, now);
		return new Allocation(sku, location, channel, quantity, current.reserved(), after.updatedAt());
	}

	@Transactional(readOnly = true)
	public List<Allocation> list(@Nullable Sku sku, @Nullable LocationId location) {
		return allocations.list(sku, location);
	}

	private ProblemException notEnoughUnallocated(Sku sku, LocationId location, int wanted) {
		int unallocated = stock.find(sku, location).map(Stock::unallocated).orElse(0);
		return new ProblemException(ProblemType.INSUFFICIENT_STOCK,
				"Only " + unallocated + " units of SKU '" + sku + "' at " + location + " are free to allocate, "
						+ wanted + " more requested",
				List.of(new FieldError("quantity",
						"needs " + wanted + " more units than the " + unallocated + " free to allocate")))
			.with("sku", sku.value())
			.with("locationId", location.value())
			.with("available", unallocated);
	}

}
