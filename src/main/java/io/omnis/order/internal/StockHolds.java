package io.omnis.order.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.omnis.catalog.KitComponent;
import io.omnis.catalog.Variant;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.inventory.Availability;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationAvailability;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationId;
import io.omnis.inventory.ReservationKind;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.Reservations;
import io.omnis.inventory.Sku;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Turns cart or order lines into stock held through inventory reservations: kits become
 * their components, and each SKU is held where the channel can be promised it, across as
 * many locations as it takes (not only the first one that was looked at). The check is
 * the hold: inventory's conditional UPDATE refuses what another buyer took meanwhile.
 */
@Component
public class StockHolds {

	private final Availability availability;

	private final Reservations reservations;

	private final Locations locations;

	private final Channels channels;

	private final Quotes quotes;

	private static final int MAX_KNOWN_CHANNELS = 10_000;

	private final Map<ChannelId, Boolean> storeChannels = new java.util.concurrent.ConcurrentHashMap<>();

	StockHolds(Availability availability, Reservations reservations, Locations locations, Channels channels,
			Quotes quotes) {
		this.availability = availability;
		this.reservations = reservations;
		this.locations = locations;
		this.channels = channels;
		this.quotes = quotes;
	}

	/** The store a STORE channel's tills stand in, if that is what the channel is. */
	public Optional<Location> storeOf(ChannelId channel) {
		Map<Object, Object> memo = TransactionMemo.of(this);
		Object known = memo.get(channel);
		if (known != null) {
			return ((Optional<?>) known).map(Location.class::cast);
		}
		Optional<Location> store = isStore(channel) ? locations.ofStoreChannel(channel) : Optional.empty();
		memo.put(channel, store);
		return store;
	}

	/**
	 * Whether the channel is a store's. A channel's type never changes and a channel is
	 * never deleted, so the answer for an existing channel is kept on this node.
	 */
	private boolean isStore(ChannelId channel) {
		Boolean known = storeChannels.get(channel);
		if (known != null) {
			return known;
		}
		Optional<ChannelType> type = channels.find(channel).map(c -> c.type());
		if (type.isPresent() && storeChannels.size() < MAX_KNOWN_CHANNELS) {
			storeChannels.put(channel, type.get() == ChannelType.STORE);
		}
		return type.map(t -> t == ChannelType.STORE).orElse(false);
	}

	public Reservation reserve(ChannelId channel, String reference, ReservationKind kind, Duration ttl,
			List<Item> items) {
		Map<Sku, Need> needs = needs(items);
		List<ReservationLine> plan = plan(channel, needs, List.of());
		try {
			return reservations.reserve(channel, reference, kind, ttl, plan);
		}
		catch (ProblemException refused) {
			throw blame(refused, needs);
		}
	}

	/**
	 * Plans the hold of the items now and holds them when the caller's transaction
	 * commits, as its last statements ({@link Reservations#reserveAtCommit}); a refusal
	 * names the order line, as {@link #reserve} does.
	 */
	public ReservationId reserveAtCommit(ChannelId channel, String reference, ReservationKind kind, Duration ttl,
			List<Item> items) {
		Map<Sku, Need> needs = needs(items);
		List<ReservationLine> plan = plan(channel, needs, List.of());
		return reservations.reserveAtCommit(channel, reference, kind, ttl, plan, refused -> blame(refused, needs));
	}

	/** Holds the new lines by the difference from what the reservation holds now. */
	public Reservation adjust(Reservation current, List<Item> items, Duration ttl) {
		Map<Sku, Need> needs = needs(items);
		List<ReservationLine> plan = plan(current.channelId(), needs, current.lines());
		try {
			return reservations.adjust(current.id(), plan, ttl);
		}
		catch (ProblemException refused) {
			throw blame(refused, needs);
		}
	}

	/**
	 * How many units of the SKU the channel can be promised (for a kit, how many whole
	 * kits), at its store only for a store's tills.
	 */
	public int available(ChannelId channel, String sku) {
		return available(channel, List.of(sku)).getOrDefault(sku, 0);
	}

	/**
	 * How many units of each SKU the channel can be promised, as {@link #available}, with
	 * the stock of all of them read in one query.
	 */
	public Map<String, Integer> available(ChannelId channel, List<String> skus) {
		Map<String, Variant> variants = new LinkedHashMap<>();
		Set<Sku> stocked = new java.util.LinkedHashSet<>();
		for (String sku : skus) {
			Variant variant = quotes.variant(sku);
			if (variant == null || !Sku.isValid(sku)) {
				continue;
			}
			variants.put(sku, variant);
			if (variant.isKit()) {
				variant.components().forEach(component -> stocked.add(new Sku(component.sku())));
			}
			else {
				stocked.add(new Sku(sku));
			}
		}
		Map<Sku, Integer> units = units(channel, stocked);
		Map<String, Integer> available = new LinkedHashMap<>();
		for (String sku : skus) {
			Variant variant = variants.get(sku);
			if (variant == null) {
				available.put(sku, 0);
			}
			else if (!variant.isKit()) {
				available.put(sku, units.getOrDefault(new Sku(sku), 0));
			}
			else {
				int kits = Integer.MAX_VALUE;
				for (KitComponent component : variant.components()) {
					kits = Math.min(kits, units.getOrDefault(new Sku(component.sku()), 0) / component.quantity());
				}
				available.put(sku, kits);
			}
		}
		return available;
	}

	/**
	 * The units of each SKU the channel may sell, summed over its locations (its store
	 * only for a store's tills) by PostgreSQL.
	 */
	private Map<Sku, Integer> units(ChannelId channel, Set<Sku> skus) {
		Map<Sku, Integer> units = new HashMap<>();
		if (skus.isEmpty()) {
			return units;
		}
		LocationId store = storeOf(channel).map(Location::id).orElse(null);
		for (List<Sku> chunk : chunks(skus)) {
			int[] summed = availability.units(chunk, channel, store);
			for (int i = 0; i < chunk.size(); i++) {
				units.put(chunk.get(i), summed[i]);
			}
		}
		return units;
	}

	/**
	 * The SKUs in lists of at most {@link Availability#MAX_CART_LINES}, one read each.
	 */
	private static List<List<Sku>> chunks(Collection<Sku> skus) {
		List<Sku> all = List.copyOf(skus);
		List<List<Sku>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += Availability.MAX_CART_LINES) {
			chunks.add(all.subList(from, Math.min(all.size(), from + Availability.MAX_CART_LINES)));
		}
		return chunks;
	}

	/**
	 * Each SKU's availability rows the channel may sell from (its store only for a
	 * store's tills), read in one query per {@link Availability#MAX_CART_LINES} SKUs.
	 */
	private Map<Sku, List<LocationAvailability>> rows(ChannelId channel, Collection<Sku> skus) {
		Map<Sku, List<LocationAvailability>> rows = new HashMap<>();
		if (skus.isEmpty()) {
			return rows;
		}
		Optional<LocationId> store = storeOf(channel).map(Location::id);
		for (List<Sku> chunk : chunks(skus)) {
			for (LocationAvailability row : availability.of(chunk, channel)) {
				if (store.isEmpty() || row.locationId().equals(store.get())) {
					rows.computeIfAbsent(row.sku(), sku -> new ArrayList<>()).add(row);
				}
			}
		}
		return rows;
	}

	/** The units of each stocked SKU the items need, kits expanded. */
	private Map<Sku, Need> needs(List<Item> items) {
		Map<Sku, Need> needs = new LinkedHashMap<>();
		for (Item item : items) {
			Variant variant = quotes.variant(item.sku());
			if (variant == null || !Sku.isValid(item.sku())) {
				throw Quotes.unknownSku(item.sku(), item.field());
			}
			if (variant.isKit()) {
				for (KitComponent component : variant.components()) {
					add(needs, new Sku(component.sku()), component.quantity() * item.quantity(), item.field());
				}
			}
			else {
				add(needs, new Sku(item.sku()), item.quantity(), item.field());
			}
		}
		return needs;
	}

	private static void add(Map<Sku, Need> needs, Sku sku, int units, String field) {
		Need earlier = needs.get(sku);
		needs.put(sku,
				new Need(units + (earlier == null ? 0 : earlier.units()), earlier == null ? field : earlier.field()));
	}

	/**
	 * Where to hold each SKU: what is already held stays where it is, the rest goes to
	 * the locations already used first, then to those with the most available.
	 */
	private List<ReservationLine> plan(ChannelId channel, Map<Sku, Need> needs, List<ReservationLine> held) {
		Optional<LocationId> store = storeOf(channel).map(Location::id);
		// The stock of every SKU that is not wholly held already, in one read
		Map<Sku, List<LocationAvailability>> stock = rows(channel,
				needs.entrySet()
					.stream()
					.filter(e -> held.stream()
						.filter(line -> line.sku().equals(e.getKey()))
						.mapToInt(ReservationLine::quantity)
						.sum() < e.getValue().units())
					.map(Map.Entry::getKey)
					.toList());
		List<ReservationLine> plan = new ArrayList<>();
		needs.forEach((sku, need) -> {
			int missing = need.units();
			Set<LocationId> used = held.stream()
				.filter(line -> line.sku().equals(sku))
				.map(ReservationLine::locationId)
				.collect(Collectors.toSet());
			for (ReservationLine line : held) {
				if (line.sku().equals(sku) && missing > 0) {
					int keep = Math.min(line.quantity(), missing);
					plan.add(ReservationLine.of(sku, line.locationId(), keep));
					missing -= keep;
				}
			}
			if (missing == 0) {
				return;
			}
			List<LocationAvailability> rows = stock.getOrDefault(sku, List.of())
				.stream()
				.filter(row -> row.available() > 0)
				.sorted(Comparator.comparing((LocationAvailability row) -> !used.contains(row.locationId()))
					.thenComparing(Comparator.comparingInt(LocationAvailability::available).reversed())
					.thenComparing(LocationAvailability::locationId))
				.toList();
			int found = need.units() - missing;
			for (LocationAvailability row : rows) {
				if (missing == 0) {
					break;
				}
				int take = Math.min(row.available(), missing);
				found += row.available();
				int already = plan.stream()
					.filter(line -> line.sku().equals(sku) && line.locationId().equals(row.locationId()))
					.mapToInt(ReservationLine::quantity)
					.sum();
				plan.removeIf(line -> line.sku().equals(sku) && line.locationId().equals(row.locationId()));
				plan.add(ReservationLine.of(sku, row.locationId(), already + take));
				missing -= take;
			}
			if (missing > 0) {
				int available = found;
				throw new ProblemException(ProblemType.INSUFFICIENT_STOCK,
						"Only " + available + " of SKU '" + sku + "' can be promised"
								+ (store.isPresent() ? " at store " + store.get() : "") + ", " + need.units()
								+ " wanted",
						List.of(new FieldError(need.field(), "exceeds the " + available + " available")))
					.with("sku", sku.value())
					.with("requested", need.units())
					.with("available", available);
			}
		});
		return plan;
	}

	/** Inventory's refusal, naming the order or cart line instead of its own. */
	private static ProblemException blame(ProblemException refused, Map<Sku, Need> needs) {
		Object sku = refused.properties().get("sku");
		if (refused.type() != ProblemType.INSUFFICIENT_STOCK || sku == null) {
			return refused;
		}
		Need need = needs.get(new Sku(sku.toString()));
		if (need == null) {
			return refused;
		}
		ProblemException named = new ProblemException(refused.type(), String.valueOf(refused.getMessage()),
				List.of(new FieldError(need.field(), "exceeds what is available")));
		refused.properties().forEach(named::with);
		return named;
	}

	/**
	 * A line to hold: a SKU (a kit or not), its units, and the request field to blame.
	 */
	public record Item(String sku, int quantity, String field) {
	}

	private record Need(int units, String field) {
	}

}
