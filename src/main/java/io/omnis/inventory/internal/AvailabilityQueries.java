package io.omnis.inventory.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Capability;
import io.omnis.inventory.LocationAvailability;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;

/**
 * What a channel can promise, read straight from the stock rows: the units no channel
 * holds plus what is still held for this one, never more than the free units.
 */
@Repository
public class AvailabilityQueries {

	/** Available to :channel, for stock s left-joined with the channel's allocation a. */
	static final String AVAILABLE = """
			greatest(0, least(s.on_hand - s.reserved - s.safety_stock,
			                  greatest(0, s.on_hand - s.reserved - s.safety_stock - s.allocated)
			                  + coalesce(a.quantity - a.reserved, 0)))""";

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
		return jdbc.sql("""
				select s.sku, s.location_id, l.name, %s as available
				  from stock s
				  join location l on l.id = s.location_id
				  left join stock_allocation a
				         on a.sku = s.sku and a.location_id = s.location_id and a.channel_id = :channel
				 where s.sku = any(:skus)
				 order by s.sku, s.location_id""".formatted(AVAILABLE))
			.param("channel", channel.value())
			.param("skus", skus.stream().map(Sku::value).toArray(String[]::new))
			.query((rs, row) -> new LocationAvailability(new Sku(rs.getString(1)), new LocationId(rs.getString(2)),
					rs.getString(3), rs.getInt(4), null))
			.list();
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
				      left join stock_allocation a
				             on a.sku = s.sku and a.location_id = s.location_id and a.channel_id = :channel
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
