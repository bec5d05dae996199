package io.omnis.inventory.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Capability;
import io.omnis.inventory.LocationAvailability;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.NetworkStock;
import io.omnis.inventory.Sku;
import io.omnis.kernel.database.ArrayParameters;

/**
 * What a channel can promise, read straight from the stock rows: the units no channel
 * holds plus what is still held for this one, never more than the free units.
 */
@Repository
public class AvailabilityQueries {

	/**
	 * Available to :channel, for stock row s. A row with nothing allocated (no channel
	 * holds units there: {@code allocated} is the sum of the allocations' free units)
	 * skips the lookup of the channel's allocation, which would add nothing; otherwise
	 * the channel sells the unallocated units plus what its own allocation still holds.
	 */
	static final String AVAILABLE = """
			case when s.allocated = 0 then greatest(0, s.on_hand - s.reserved - s.safety_stock)
			else greatest(0, least(s.on_hand - s.reserved - s.safety_stock,
			                       greatest(0, s.on_hand - s.reserved - s.safety_stock - s.allocated)
			                       + coalesce((select a.quantity - a.reserved
			                                     from stock_allocation a
			                                    where a.sku = s.sku and a.location_id = s.location_id
			                                      and a.channel_id = :channel), 0))) end""";

	/** Great-circle distance in km from (:latitude, :longitude) to location l. */
	static final String DISTANCE_KM = """
			2 * 6371.0088 * asin(sqrt(
			    power(sin(radians(l.latitude - :latitude) / 2), 2)
			    + cos(radians(:latitude)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - :longitude) / 2), 2)))""";

	private final JdbcClient jdbc;

	AvailabilityQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every location that has stock rows for the SKUs, with what the channel may sell.
	 */
	public List<LocationAvailability> of(List<Sku> skus, ChannelId channel) {
		List<String> names = skus.stream().map(Sku::value).toList();
		// The SKUs as one parameter each: planned once per connection (ADR 0026)
		return jdbc.sql("""
				select s.sku, s.location_id, l.name, %s as available
				  from stock s
				  join location l on l.id = s.location_id
				 where s.sku = any(%s)
				 order by s.sku, s.location_id""".formatted(AVAILABLE, ArrayParameters.textArray("skus", names.size())))
			.param("channel", channel.value())
			.param("skus", ArrayParameters.values(names))
			.query((rs, row) -> new LocationAvailability(new Sku(rs.getString(1)), new LocationId(rs.getString(2)),
					rs.getString(3), rs.getInt(4), null))
			.list();
	}

	/**
	 * A cart across the network: for each SKU (in the order given) the units the channel
	 * may sell everywhere, and, sorted, the locations that can promise every SKU in its
	 * quantity. One statement of flat rows (SKU index, location, available) read straight
	 * into a SKU × location matrix ({@link StockMatrix}): the location names and the
	 * per-row objects of {@link #of} are not needed for this answer. Each SKU is one
	 * index-only scan of the stock key (ADR 0021) reached from the SKU's position in the
	 * list, so no row searches the list.
	 */
	public CartStock cart(List<Sku> skus, int[] quantities, ChannelId channel) {
		List<String> names = skus.stream().map(Sku::value).toList();
		StockMatrix matrix = new StockMatrix(names.size());
		// The SKUs as one parameter each: planned once per connection (ADR 0026)
		jdbc.sql("""
				select cast(q.i as integer), s.location_id,
				       %s
				  from unnest(%s) with ordinality q(sku, i)
				  join stock s on s.sku = q.sku""".formatted(AVAILABLE,
				ArrayParameters.textArray("skus", names.size())))
			.param("channel", channel.value())
			.param("skus", ArrayParameters.values(names))
			// the location's id as bytes: no string or map entry per row
			.query(rs -> {
				matrix.add(rs.getBytes(2), rs.getInt(1) - 1, rs.getInt(3));
			});
		return new CartStock(matrix.totals(), matrix.filling(quantities));
	}

	/**
	 * The units of each SKU (by its position in the list) the channel may sell, summed
	 * over every location or, given one, over that location only: one row per SKU from
	 * PostgreSQL instead of one per location.
	 */
	public int[] units(List<Sku> skus, ChannelId channel, @Nullable LocationId only) {
		List<String> names = skus.stream().map(Sku::value).toList();
		int[] units = new int[names.size()];
		// The SKUs as one parameter each: planned once per connection (ADR 0026); a cart
		// checks its lines with this on every step
		JdbcClient.StatementSpec statement = jdbc
			.sql("""
					select cast(q.i as integer), cast(least(sum(%s), 2147483647) as integer)
					  from unnest(%s) with ordinality q(sku, i)
					  join stock s on s.sku = q.sku%s
					 group by q.i""".formatted(AVAILABLE, ArrayParameters.textArray("skus", names.size()),
					only == null ? "" : " and s.location_id = :location"))
			.param("channel", channel.value())
			.param("skus", ArrayParameters.values(names));
		if (only != null) {
			statement = statement.param("location", only.value());
		}
		statement.query(rs -> {
			units[rs.getInt(1) - 1] = rs.getInt(2);
		});
		return units;
	}

	/**
	 * What {@link #cart} read: the units available to the channel across the network by
	 * SKU index, and the sorted ids of the locations that can fill the whole cart.
	 */
	public record CartStock(int[] network, String[] locationsWithEverything) {
	}

	/**
	 * The SKUs by location, only where some is available, with the version of the
	 * location table in the same statement (its row count and the sum of its rows'
	 * transaction ids: any insert or update changes it, whatever the clock says). The
	 * rows go straight into a SKU × location matrix, each location numbered on its first
	 * row.
	 */
	public NetworkStock byLocation(List<Sku> skus, ChannelId channel) {
		String[] names = skus.stream().map(Sku::value).toArray(String[]::new);
		StockMatrix matrix = new StockMatrix(names.length);
		String list = ArrayParameters.textArray("skus", names.length);
		// Flat rows grouped here rather than array_agg'd: the aggregate cost PostgreSQL
		// more than the rows cost the wire. The SKUs as one parameter each: planned once
		// per connection (ADR 0026)
		jdbc.sql(
				"""
						select s.location_id, array_position(%2$s, s.sku), %1$s, null
						  from stock s
						 where s.sku = any(%2$s) and %1$s > 0
						union all
						select null, null, null, (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from location)"""
					.formatted(AVAILABLE, list))
			.param("channel", channel.value())
			.param("skus", ArrayParameters.values(List.of(names)))
			.query(rs -> {
				// The id's bytes as received (PostgreSQL's driver hands a text column's
				// UTF-8 to getBytes): most rows name a location seen already
				byte[] location = rs.getBytes(1);
				if (location == null) {
					matrix.version(rs.getString(4));
				}
				else {
					matrix.add(location, rs.getInt(2) - 1, rs.getInt(3));
				}
			});
		List<String> rest = new ArrayList<>();
		for (int i = 0; i < names.length; i++) {
			if (!matrix.stocked(i)) {
				rest.add(names[i]);
			}
		}
		if (!rest.isEmpty()) {
			// Rare: a SKU with nothing available anywhere; is it stocked at all?
			Set<String> found = new HashSet<>(jdbc.sql("select distinct sku from stock where sku = any(:skus)")
				.param("skus", rest.toArray(String[]::new))
				.query(String.class)
				.list());
			for (int i = 0; i < names.length; i++) {
				if (found.contains(names[i])) {
					matrix.stocked(i, true);
				}
			}
		}
		return matrix.stock(List.copyOf(skus));
	}

	/**
	 * The nearest locations with the capability that can promise the quantity, nearest
	 * first.
	 */
	public List<LocationAvailability> nearby(Sku sku, int quantity, ChannelId channel, double latitude,
			double longitude, double radiusKm, Capability capability, int limit) {
		return jdbc.sql("""
				select * from (
				    select s.location_id, l.name, %s as available, %s as distance_km
				      from stock s
				      join location l on l.id = s.location_id
				     where s.sku = :sku and l.latitude is not null and :capability = any(l.capabilities)
				) candidates
				 where available >= :quantity and distance_km <= :radius
				 order by distance_km, location_id
				 limit :limit""".formatted(AVAILABLE, DISTANCE_KM))
			.param("channel", channel.value())
			.param("sku", sku.value())
			.param("latitude", latitude)
			.param("longitude", longitude)
			.param("capability", capability.name())
			.param("quantity", quantity)
			.param("radius", radiusKm)
			.param("limit", limit)
			.query((rs, row) -> new LocationAvailability(sku, new LocationId(rs.getString(1)), rs.getString(2),
					rs.getInt(3), rs.getDouble(4)))
			.list();
	}

}
