package io.omnis.inventory.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Address;
import io.omnis.inventory.Capability;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Opening;

/**
 * The location table. Opening hours are kept as readable text,
 * {@code MONDAY 09:00 19:00}.
 */
@Repository
public class LocationStore {

	private final JdbcClient jdbc;

	LocationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Location location) {
		jdbc.sql("""
				insert into location (id, name, type, address_line1, address_line2, city, postal_code, region, country,
				       latitude, longitude, time_zone, opening_hours, capabilities, channel_id, created_at, updated_at)
				values (:id, :name, :type, :line1, :line2, :city, :postalCode, :region, :country, :latitude,
				       :longitude, :timeZone, :openingHours, :capabilities, :channel, :createdAt, :updatedAt)""")
			.params(params(location))
			.update();
	}

	public void update(Location location) {
		jdbc.sql("""
				update location set name = :name, type = :type, address_line1 = :line1, address_line2 = :line2,
				       city = :city, postal_code = :postalCode, region = :region, country = :country,
				       latitude = :latitude, longitude = :longitude, time_zone = :timeZone,
				       opening_hours = :openingHours, capabilities = :capabilities, channel_id = :channel,
				       updated_at = :updatedAt
				 where id = :id""").params(params(location)).update();
	}

	public Optional<Location> find(LocationId id, boolean lock) {
		return jdbc.sql("select * from location where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query(LocationStore::location)
			.optional();
	}

	/** The store whose tills are this channel. */
	public Optional<Location> ofChannel(String channelId) {
		return jdbc.sql("select * from location where channel_id = :channel order by id limit 1")
			.param("channel", channelId)
			.query(LocationStore::location)
			.optional();
	}

	public List<Location> list(@Nullable String after, int limit, @Nullable LocationType type) {
		return jdbc.sql("""
				select * from location where id > :after and (:type::text is null or type = :type)
				 order by id limit :limit""")
			.param("after", after == null ? "" : after)
			.param("type", type == null ? null : type.name())
			.param("limit", limit)
			.query(LocationStore::location)
			.list();
	}

	/** Which of the ids are locations. */
	public Set<LocationId> existing(Collection<LocationId> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select id from location where id in (:ids)")
			.param("ids", ids.stream().map(LocationId::value).toList())
			.query((rs, row) -> new LocationId(rs.getString(1)))
			.list());
	}

	/** The locations with the given ids, in one query. */
	public List<Location> all(Collection<LocationId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from location where id = any(:ids)")
			.param("ids", ids.stream().map(LocationId::value).toArray(String[]::new))
			.query(LocationStore::location)
			.list();
	}

	public List<Location> all() {
		return jdbc.sql("select * from location order by id").query(LocationStore::location).list();
	}

	public boolean nameTaken(String name, @Nullable LocationId except) {
		return jdbc.sql("select exists (select 1 from location where lower(name) = lower(:name) and id <> :except)")
			.param("name", name)
			.param("except", except == null ? "" : except.value())
			.query(Boolean.class)
			.single();
	}

	private static Map<String, @Nullable Object> params(Location location) {
		Map<String, @Nullable Object> params = new HashMap<>();
		Address address = location.address();
		params.put("id", location.id().value());
		params.put("name", location.name());
		params.put("type", location.type().name());
		params.put("line1", address.line1());
		params.put("line2", address.line2());
		params.put("city", address.city());
		params.put("postalCode", address.postalCode());
		params.put("region", address.region());
		params.put("country", address.country());
		params.put("latitude", location.coordinates() == null ? null : location.coordinates().latitude());
		params.put("longitude", location.coordinates() == null ? null : location.coordinates().longitude());
		params.put("timeZone", location.timeZone().getId());
		params.put("openingHours",
				location.openingHours()
					.stream()
					.map(o -> o.day() + " " + o.opens() + " " + o.closes())
					.toArray(String[]::new));
		params.put("capabilities", location.capabilities().stream().map(Enum::name).sorted().toArray(String[]::new));
		params.put("channel", location.channelId() == null ? null : location.channelId().value());
		params.put("createdAt", Timestamp.from(location.createdAt()));
		params.put("updatedAt", Timestamp.from(location.updatedAt()));
		return params;
	}

	static Location location(ResultSet rs, int row) throws SQLException {
		double latitude = rs.getDouble("latitude");
		Coordinates coordinates = rs.wasNull() ? null : new Coordinates(latitude, rs.getDouble("longitude"));
		String channel = rs.getString("channel_id");
		Address address = new Address(rs.getString("address_line1"), rs.getString("address_line2"),
				rs.getString("city"), rs.getString("postal_code"), rs.getString("region"), rs.getString("country"));
		return new Location(new LocationId(rs.getString("id")), rs.getString("name"),
				LocationType.valueOf(rs.getString("type")), address, coordinates, ZoneId.of(rs.getString("time_zone")),
				openings(rs.getArray("opening_hours")), capabilities(rs.getArray("capabilities")),
				channel == null ? null : new ChannelId(channel), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static List<Opening> openings(Array array) throws SQLException {
		return Arrays.stream((String[]) array.getArray()).map(text -> {
			String[] parts = text.split(" ");
			return new Opening(DayOfWeek.valueOf(parts[0]), LocalTime.parse(parts[1]), LocalTime.parse(parts[2]));
		}).toList();
	}

	private static Set<Capability> capabilities(Array array) throws SQLException {
		Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
		Arrays.stream((String[]) array.getArray()).map(Capability::valueOf).forEach(capabilities::add);
		return capabilities;
	}

}
