package io.omnis.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.internal.AvailabilityQueries;
import io.omnis.kernel.problem.ProblemException;

/**
 * What a channel can promise now: a SKU across the network, a whole cart, or the nearest
 * locations to collect from. It is read from the same rows reservations decide on, so
 * "available" never means "maybe"; only a reservation makes it a promise.
 */
@Service
@Transactional(readOnly = true)
public class Availability {

	public static final int MAX_CART_LINES = 100;

	public static final double MAX_RADIUS_KM = 1000;

	private final AvailabilityQueries queries;

	Availability(AvailabilityQueries queries) {
		this.queries = queries;
	}

	/** The SKU at every location that stocks it. */
	public List<LocationAvailability> of(Sku sku, ChannelId channel) {
		return queries.of(List.of(sku), channel);
	}

	/**
	 * Each SKU at every location that stocks it, read in one query (what routing decides
	 * from).
	 */
	public List<LocationAvailability> of(List<Sku> skus, ChannelId channel) {
		if (skus.isEmpty() || skus.size() > MAX_CART_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + MAX_CART_LINES + " lines");
		}
		return queries.of(skus, channel);
	}

	/**
	 * The SKUs by location, only where some is available, with the version of the
	 * locations, in one statement (what routing decides from).
	 */
	public NetworkStock byLocation(List<Sku> skus, ChannelId channel) {
		if (skus.isEmpty() || skus.size() > MAX_CART_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + MAX_CART_LINES + " lines");
		}
		return queries.byLocation(skus, channel);
	}

	/**
	 * The units of each SKU (by its position in the list) the channel may sell, summed
	 * over the network or, given {@code only}, over that location (a store's tills sell
	 * its shelves); a SKU stocked nowhere has 0.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public int[] units(List<Sku> skus, ChannelId channel, @Nullable LocationId only) {
		if (skus.isEmpty() || skus.size() > MAX_CART_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + MAX_CART_LINES + " lines");
		}
		return queries.units(skus, channel, only);
	}

	/**
	 * Each cart line across the network, and the locations that could fill it all. One
	 * statement, so it needs no transaction of its own (it joins one it is called in).
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public CartAvailability ofCart(Map<Sku, Integer> cart, ChannelId channel) {
		if (cart.isEmpty() || cart.size() > MAX_CART_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + MAX_CART_LINES + " lines");
		}
		List<Sku> skus = List.copyOf(cart.keySet());
		int[] quantities = skus.stream().mapToInt(cart::get).toArray();
		AvailabilityQueries.CartStock stock = queries.cart(skus, quantities, channel);
		List<CartAvailability.Line> lines = new ArrayList<>(skus.size());
		for (int i = 0; i < skus.size(); i++) {
			int available = stock.network()[i];
			lines.add(new CartAvailability.Line(skus.get(i), quantities[i], available, available >= quantities[i]));
		}
		List<LocationId> everything = Arrays.stream(stock.locationsWithEverything()).map(LocationId::new).toList();
		return new CartAvailability(lines.stream().allMatch(CartAvailability.Line::satisfied), lines, everything);
	}

	/**
	 * The nearest locations with the capability (PICKUP for click and collect) that can
	 * promise the quantity, within the radius, nearest first.
	 */
	public List<LocationAvailability> nearby(Sku sku, int quantity, Coordinates point, double radiusKm,
			Capability capability, ChannelId channel, int limit) {
		if (quantity < 1 || quantity > Inventory.MAX_QUANTITY) {
			throw ProblemException.invalidField("quantity", "must be between 1 and " + Inventory.MAX_QUANTITY);
		}
		if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
			throw ProblemException.invalidField("radiusKm", "must be more than 0 and at most " + MAX_RADIUS_KM);
		}
		if (limit < 1 || limit > 50) {
			throw ProblemException.invalidField("limit", "must be between 1 and 50");
		}
		return queries.nearby(sku, quantity, channel, point.latitude(), point.longitude(), radiusKm, capability, limit);
	}

}
