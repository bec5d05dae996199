package io.omnis.inventory;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.inventory.internal.LocationStore;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * The organisation's stores, warehouses and dark stores.
 */
@Service
@Transactional
public class Locations {

	static final int MAX_NAME = 100;

	static final int MAX_TEXT = 200;

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	/** How many location ids a node keeps as known to exist; past it, it asks. */
	static final int MAX_KNOWN = 100_000;

	private final Set<LocationId> known = ConcurrentHashMap.newKeySet();

	private final LocationStore store;

	private final Channels channels;

	private final Clock clock;

	Locations(LocationStore store, Channels channels, Clock clock) {
		this.store = store;
		this.channels = channels;
		this.clock = clock;
	}

	public Location create(Draft draft) {
		Instant now = clock.instant();
		Location location = checked(LocationId.next(), draft, now, now);
		store.insert(location);
		return location;
	}

	/** Replaces what the draft gives; {@code null} members keep their current value. */
	public Location update(LocationId id, Draft changes) {
		Location current = store.find(id, true).orElseThrow(() -> new NotFoundException("location", id.value()));
		Draft merged = new Draft(or(changes.name(), current.name()), or(changes.type(), current.type()),
				or(changes.address(), current.address()),
				changes.coordinates() != null ? changes.coordinates() : current.coordinates(),
				or(changes.timeZone(), current.timeZone().getId()), or(changes.openingHours(), current.openingHours()),
				or(changes.capabilities(), current.capabilities()),
				changes.channelId() != null ? changes.channelId() : current.channelId());
		Location updated = checked(id, merged, current.createdAt(), clock.instant());
		store.update(updated);
		return updated;
	}

	@Transactional(readOnly = true)
	public Optional<Location> find(LocationId id) {
		return store.find(id, false);
	}

	/**
	 * The location with the given id, or a 404 problem for an unknown or malformed id.
	 */
	@Transactional(readOnly = true)
	public Location get(String id) {
		if (!LocationId.isValid(id)) {
			throw new NotFoundException("location", id);
		}
		return find(new LocationId(id)).orElseThrow(() -> new NotFoundException("location", id));
	}

	@Transactional(readOnly = true)
	public Page<Location> page(@Nullable String cursor, @Nullable Integer limit, @Nullable LocationType type) {
		int size = Cursor.limit(limit);
		return Page.of(store.list(Cursor.decode(cursor), size + 1, type), size, l -> l.id().value());
	}

	/** The store whose tills are this STORE channel, if one is tied to it. */
	@Transactional(readOnly = true)
	public Optional<Location> ofStoreChannel(ChannelId channel) {
		return store.ofChannel(channel.value());
	}

	/**
	 * Which of the ids name existing locations. A location is never deleted, so an id
	 * once seen by a committed read is known on this node for good and not asked again (a
	 * checkout's hold checks its lines' locations on every call); an id seen only inside
	 * a transaction is known once that commits, since it may be the transaction's own
	 * uncommitted location.
	 */
	@Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
	public Set<LocationId> existing(Set<LocationId> ids) {
		if (known.containsAll(ids)) {
			return Set.copyOf(ids);
		}
		Set<LocationId> found = store.existing(ids);
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					remember(found);
				}

			});
		}
		else {
			remember(found);
		}
		return found;
	}

	private void remember(Set<LocationId> ids) {
		if (known.size() < MAX_KNOWN) {
			known.addAll(ids);
		}
	}

	/** The locations with the given ids, read at once; unknown ids are left out. */
	@Transactional(readOnly = true)
	public List<Location> all(Set<LocationId> ids) {
		return store.all(ids);
	}

	/** Every location (what a cached copy of the network is loaded from). */
	@Transactional(readOnly = true)
	public List<Location> all() {
		return store.all();
	}

	private Location checked(LocationId id, Draft draft, Instant createdAt, Instant now) {
		String name = text(draft.name(), "name", MAX_NAME, true);
		if (store.nameTaken(name, id)) {
			throw new ProblemException(ProblemType.CONFLICT, "A location named '" + name + "' already exists",
					List.of(new FieldError("name", "is already used by another location")));
		}
		LocationType type = required(draft.type(), "type");
		Address address = address(required(draft.address(), "address"));
		ZoneId zone = zone(required(draft.timeZone(), "timeZone"));
		List<Opening> hours = hours(or(draft.openingHours(), List.of()));
		Set<Capability> capabilities = draft.capabilities() == null || draft.capabilities().isEmpty()
				? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(draft.capabilities());
		return new Location(id, name, type, address, draft.coordinates(), zone, hours, capabilities,
				storeChannel(type, draft.channelId()), createdAt, now);
	}

	private @Nullable ChannelId storeChannel(LocationType type, @Nullable ChannelId channelId) {
		if (channelId == null) {
			return null;
		}
		if (type != LocationType.STORE) {
			throw ProblemException.invalidField("channelId", "can only be set on a STORE location");
		}
		Channel channel = channels.find(channelId)
			.orElseThrow(() -> ProblemException.invalidField("channelId", "is not a known channel"));
		if (channel.type() != ChannelType.STORE) {
			throw ProblemException.invalidField("channelId", "must be a STORE channel, not " + channel.type());
		}
		return channelId;
	}

	private static Address address(Address address) {
		String country = text(address.country(), "address.country", 2, true).toUpperCase(Locale.ROOT);
		if (!COUNTRIES.contains(country)) {
			throw ProblemException.invalidField("address.country", "must be an ISO 3166 alpha-2 country code");
		}
		return new Address(text(address.line1(), "address.line1", MAX_TEXT, true),
				text(address.line2(), "address.line2", MAX_TEXT, false),
				text(address.city(), "address.city", MAX_TEXT, true),
				text(address.postalCode(), "address.postalCode", 20, false),
				text(address.region(), "address.region", MAX_TEXT, false), country);
	}

	private static ZoneId zone(String timeZone) {
		try {
			return ZoneId.of(timeZone);
		}
		catch (RuntimeException ex) {
			throw ProblemException.invalidField("timeZone", "must be an IANA time zone such as Europe/Lisbon");
		}
	}

	private static List<Opening> hours(List<Opening> openings) {
		Set<DayOfWeek> days = new HashSet<>();
		for (int i = 0; i < openings.size(); i++) {
			if (!days.add(openings.get(i).day())) {
				throw ProblemException.invalidField("openingHours[" + i + "].day",
						"appears twice; give one opening per weekday");
			}
		}
		return openings.stream().sorted(Comparator.comparing(Opening::day)).toList();
	}

	@SuppressWarnings("NullAway")
	private static String text(@Nullable String value, String field, int max, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				throw ProblemException.invalidField(field, "is required");
			}
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > max || stripped.chars().anyMatch(Character::isISOControl)) {
			throw ProblemException.invalidField(field, "must be 1 to " + max + " printable characters");
		}
		return stripped;
	}

	private static <T> T required(@Nullable T value, String field) {
		if (value == null) {
			throw ProblemException.invalidField(field, "is required");
		}
		return value;
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return value != null ? value : fallback;
	}

	/**
	 * What a location should be, as given by a client; checked before anything is stored.
	 */
	public record Draft(@Nullable String name, @Nullable LocationType type, @Nullable Address address,
			@Nullable Coordinates coordinates, @Nullable String timeZone, @Nullable List<Opening> openingHours,
			@Nullable Set<Capability> capabilities, @Nullable ChannelId channelId) {
	}

}
