package io.omnis.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelEvents.ChannelCreated;
import io.omnis.channel.ChannelEvents.ChannelDisabled;
import io.omnis.channel.ChannelEvents.ChannelEnabled;
import io.omnis.channel.internal.ChannelStore;
import io.omnis.channel.internal.Secrets;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.ApiKeyAuthentication;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * The channel registry: creates channels with their first keys, renames, disables and
 * enables them, issues, rotates and revokes keys, and answers which channel a key belongs
 * to.
 */
@Service
@Transactional
public class Channels {

	/** The longest an old key may stay valid after a rotation. */
	public static final Duration MAX_GRACE = Duration.ofDays(7);

	static final int MAX_NAME = 100;

	static final int MAX_DESCRIPTION = 500;

	static final int MAX_LABEL = 60;

	/** How many channel ids {@link #exists} remembers (an organisation has far fewer). */
	private static final int MAX_KNOWN = 100_000;

	private final ChannelStore store;

	private final Set<ChannelId> known = ConcurrentHashMap.newKeySet();

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Channels(ChannelStore store, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A new active channel with a write key and a secret key with the given scopes.
	 */
	public Created create(ChannelType type, String name, @Nullable String description, Set<Permission> scopes) {
		String checkedName = checkName(name, null);
		Instant now = clock.instant();
		Channel channel = new Channel(ChannelId.next(), type, checkedName, checkDescription(description),
				ChannelStatus.ACTIVE, now, now, List.of());
		store.insert(channel);
		IssuedKey writeKey = issue(channel.id(), KeyKind.WRITE, "default", Set.of(Permission.EVENTS_WRITE), now);
		IssuedKey secretKey = issue(channel.id(), KeyKind.SECRET, "default", scopes, now);
		events.publishEvent(new ChannelCreated(channel.id(), type, checkedName));
		return new Created(get(channel.id()), List.of(writeKey, secretKey));
	}

	public Channel update(ChannelId id, @Nullable String name, @Nullable String description) {
		Channel channel = lock(id);
		Channel updated = new Channel(id, channel.type(), name == null ? channel.name() : checkName(name, id),
				description == null ? channel.description() : checkDescription(description), channel.status(),
				channel.createdAt(), clock.instant(), channel.keys());
		store.update(updated);
		return get(id);
	}

	/**
	 * Disables the channel: its keys are refused from now on. Disabling twice changes
	 * nothing.
	 */
	public Channel disable(ChannelId id) {
		Channel channel = lock(id);
		if (channel.isActive()) {
			store.update(withStatus(channel, ChannelStatus.DISABLED));
			events.publishEvent(new ChannelDisabled(id));
		}
		return get(id);
	}

	public Channel enable(ChannelId id) {
		Channel channel = lock(id);
		if (!channel.isActive()) {
			store.update(withStatus(channel, ChannelStatus.ACTIVE));
			events.publishEvent(new ChannelEnabled(id));
		}
		return get(id);
	}

	public IssuedKey issueKey(ChannelId id, KeyKind kind, String label, Set<Permission> scopes) {
		lock(id);
		return issue(id, kind, label, kind == KeyKind.WRITE ? Set.of(Permission.EVENTS_WRITE) : scopes,
				clock.instant());
	}

	/**
	 * Replaces a key by a new one with the same kind, label and scopes; the old one stops
	 * working after the grace period (at once when it is zero).
	 */
	public IssuedKey rotateKey(ChannelId id, String keyId, Duration grace) {
		if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
			throw ProblemException.invalidField("graceSeconds", "must be between 0 and " + MAX_GRACE.toSeconds());
		}
		ChannelKey old = usableKey(lock(id), keyId);
		Instant now = clock.instant();
		store.expireKey(old.id(), now.plus(grace));
		return issue(id, old.kind(), old.label(), old.scopes(), now);
	}

	public void revokeKey(ChannelId id, String keyId) {
		Channel channel = lock(id);
		ChannelKey key = channel.keys()
			.stream()
			.filter(candidate -> candidate.id().equals(keyId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("key", keyId));
		store.revokeKey(key.id(), clock.instant());
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<Channel> find(ChannelId id) {
		return store.find(id, false);
	}

	/**
	 * Whether a channel with this id was ever created (disabled ones included). Channels
	 * are never deleted, so a yes is remembered on this node; a no is asked again.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean exists(ChannelId id) {
		if (known.contains(id)) {
			return true;
		}
		boolean exists = store.exists(id);
		if (exists && known.size() < MAX_KNOWN) {
			known.add(id);
		}
		return exists;
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Channel get(ChannelId id) {
		return find(id).orElseThrow(() -> new NotFoundException("channel", id.value()));
	}

	/**
	 * The channel with the given id, or a 404 problem for an unknown or malformed id.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Channel get(String id) {
		if (!Ids.isValid(ChannelId.PREFIX, id)) {
			throw new NotFoundException("channel", id);
		}
		return get(new ChannelId(id));
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<Channel> page(@Nullable String cursor, @Nullable Integer limit, @Nullable ChannelType type,
			@Nullable ChannelStatus status) {
		int size = Cursor.limit(limit);
		return Page.of(store.list(Cursor.decode(cursor), size + 1, type, status), size, c -> c.id().value());
	}

	/** The channels created last, newest first. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<Channel> newest(int limit) {
		return store.newest(limit);
	}

	/** How many channels there are, in all, active, and of each type. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Census census() {
		Map<ChannelType, Map<ChannelStatus, Long>> counts = store.census();
		Map<ChannelType, Long> byType = new EnumMap<>(ChannelType.class);
		long total = 0;
		long active = 0;
		for (Map.Entry<ChannelType, Map<ChannelStatus, Long>> type : counts.entrySet()) {
			long ofType = type.getValue().values().stream().mapToLong(Long::longValue).sum();
			byType.put(type.getKey(), ofType);
			total += ofType;
			active += type.getValue().getOrDefault(ChannelStatus.ACTIVE, 0L);
		}
		return new Census(total, active, byType);
	}

	/** How many channels an organisation has. */
	public record Census(long total, long active, Map<ChannelType, Long> byType) {

		public Census {
			byType = Collections.unmodifiableMap(new TreeMap<>(byType));
		}

	}

	/** The active channel a public write key belongs to. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<ChannelId> byWriteKey(String writeKey) {
		if (writeKey.length() > 100) {
			return Optional.empty();
		}
		return store.usableKeyByHash(Secrets.hash(writeKey), KeyKind.WRITE).map(ChannelKey::channelId);
	}

	private IssuedKey issue(ChannelId channel, KeyKind kind, String label, Set<Permission> scopes, Instant now) {
		String checkedLabel = label.strip();
		if (isBlank(checkedLabel) || checkedLabel.length() > MAX_LABEL || hasControlCharacters(checkedLabel)) {
			throw ProblemException.invalidField("label", "must be 1 to " + MAX_LABEL + " printable characters");
		}
		String secret = Secrets.generate(kind);
		ChannelKey key = new ChannelKey(Ids.next("key"), channel, kind, checkedLabel, Secrets.hint(secret),
				Set.copyOf(scopes), now, null, null, null);
		store.insertKey(key, Secrets.hash(secret));
		return new IssuedKey(key, secret);
	}

	private Channel lock(ChannelId id) {
		return store.find(id, true).orElseThrow(() -> new NotFoundException("channel", id.value()));
	}

	private static ChannelKey usableKey(Channel channel, String keyId) {
		return channel.keys()
			.stream()
			.filter(key -> key.id().equals(keyId) && key.revokedAt() == null)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("key", keyId));
	}

	private Channel withStatus(Channel channel, ChannelStatus status) {
		return new Channel(channel.id(), channel.type(), channel.name(), channel.description(), status,
				channel.createdAt(), clock.instant(), channel.keys());
	}

	private String checkName(String name, @Nullable ChannelId self) {
		String stripped = name.strip();
		if (isBlank(stripped) || stripped.length() > MAX_NAME || hasControlCharacters(stripped)) {
			throw ProblemException.invalidField("name", "must be 1 to " + MAX_NAME + " printable characters");
		}
		if (store.nameTaken(stripped, self)) {
			throw new ProblemException(io.omnis.kernel.problem.ProblemType.CONFLICT,
					"A channel named '" + stripped + "' already exists",
					List.of(new io.omnis.kernel.problem.FieldError("name", "is already used by another channel")));
		}
		return stripped;
	}

	private static @Nullable String checkDescription(@Nullable String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		if (description.length() > MAX_DESCRIPTION || description.chars().anyMatch(c -> c == 0)) {
			throw ProblemException.invalidField("description", "must be at most " + MAX_DESCRIPTION + " characters");
		}
		return description.strip();
	}

	/**
	 * Whether the text shows nothing: {@link String#strip()} leaves no-break spaces and
	 * invisible format characters (zero-width space, BOM) behind.
	 */
	private static boolean isBlank(String text) {
		return text.codePoints()
			.allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
					|| Character.getType(c) == Character.FORMAT);
	}

	private static boolean hasControlCharacters(String text) {
		return text.chars().anyMatch(Character::isISOControl);
	}

	/**
	 * A channel just created, with the secrets of its first keys (shown this once).
	 */
	public record Created(Channel channel, List<IssuedKey> keys) {
	}

	/**
	 * The channel a call acts in: a channel's key acts for its own channel only (naming
	 * another is a 403 on {@code channel}); a console user names a known channel, or acts
	 * in {@code otherwise} (which may refuse).
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public ChannelId acting(Authentication caller, @Nullable String requested, Supplier<ChannelId> otherwise) {
		if (caller instanceof ApiKeyAuthentication key) {
			String own = key.getPrincipal().channelId();
			if (requested != null && !requested.equals(own)) {
				throw new ProblemException(ProblemType.FORBIDDEN,
						"A key of channel " + own + " can only act for that channel",
						List.of(new FieldError("channel", "must be the channel of the key, or left out")));
			}
			return new ChannelId(own);
		}
		if (requested == null) {
			return otherwise.get();
		}
		if (!Ids.isValid(ChannelId.PREFIX, requested) || find(new ChannelId(requested)).isEmpty()) {
			throw ProblemException.invalidField("channel", "is not a known channel");
		}
		return new ChannelId(requested);
	}

}
