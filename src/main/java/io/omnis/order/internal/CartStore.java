package io.omnis.order.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.ReservationId;
import io.omnis.kernel.Money;
import io.omnis.order.Cart;
import io.omnis.order.CartId;
import io.omnis.order.CartLine;
import io.omnis.order.CartStatus;
import io.omnis.order.OrderId;
import io.omnis.order.ReservationPolicies;

/**
 * The cart, cart_line and cart_handover tables.
 */
@Repository
public class CartStore {

	private final JdbcClient jdbc;

	CartStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes a new cart: its own columns, what it holds, and its first lines in the same
	 * statement (bound by {@link #columns}; a new cart is neither merged nor ordered, so
	 * those two bindings go unused).
	 */
	public void insert(Cart cart) {
		String row = """
				insert into cart (id, status, currency, country, customer_ids, profile_id, channel_id, reservation_id,
				       reservation_channel_id, expires_at, created_at, updated_at)
				values (:id, :status, :currency, :country, :customerIds, :profile, :channel, :reservation,
				        :reservationChannel, :expiresAt, :createdAt, :updatedAt)""";
		JdbcClient.StatementSpec statement = cart.lines().isEmpty() ? jdbc.sql(row)
				: lines(jdbc.sql("with cart_row as (" + row + ")\n" + INSERT_LINES), cart.id(), cart.lines());
		columns(statement, cart).param("currency", cart.currency())
			.param("country", cart.country())
			.param("createdAt", Timestamp.from(cart.createdAt()))
			.update();
	}

	/** The UPDATE of a cart's own columns, bound by {@link #columns}. */
	private static final String UPDATE_CART = """
			update cart set status = :status, customer_ids = :customerIds, profile_id = :profile,
			       channel_id = :channel, reservation_id = :reservation, reservation_channel_id = :reservationChannel,
			       merged_into = :mergedInto, order_id = :order, expires_at = :expiresAt, updated_at = :updatedAt
			 where id = :id""";

	/** The upsert of one cart line, bound by {@link #line}. */
	private static final String UPSERT_LINE = """
			insert into cart_line (cart_id, sku, quantity, unit_gross, unit_net, unit_tax, tax_rate, channel_id,
			       added_at)
			values (:cart, :sku, :quantity, :gross, :net, :tax, :rate, :lineChannel, :addedAt)
			on conflict (cart_id, sku) do update set quantity = excluded.quantity, unit_gross = excluded.unit_gross,
			       unit_net = excluded.unit_net, unit_tax = excluded.unit_tax, tax_rate = excluded.tax_rate""";

	/** Writes the cart's own columns (not its lines). */
	public void update(Cart cart) {
		columns(jdbc.sql(UPDATE_CART), cart).update();
	}

	/**
	 * Writes the cart's own columns and upserts one of its lines, in one statement (as
	 * {@link #update} and {@link #upsertLine}).
	 */
	public void update(Cart cart, CartLine line) {
		columns(line(jdbc.sql("with line as (" + UPSERT_LINE + ")\n" + UPDATE_CART), cart.id(), line), cart).update();
	}

	/**
	 * Binds the cart's own columns. The ones that may be null are bound as text either
	 * way: a null of no type and a string are two parameter types to the driver, which
	 * then prepares the statement again, and PostgreSQL plans it again, each time they
	 * alternate (a cart written empty, then checked out with its order: every call).
	 */
	private static JdbcClient.StatementSpec columns(JdbcClient.StatementSpec statement, Cart cart) {
		return statement.param("id", cart.id().value())
			.param("status", cart.status().name())
			.param("customerIds", cart.customerIds().toArray(String[]::new))
			.param("profile", cart.profileId(), Types.VARCHAR)
			.param("channel", cart.channelId().value())
			.param("reservation", cart.reservationId() == null ? null : cart.reservationId().value(), Types.VARCHAR)
			.param("reservationChannel",
					cart.reservationChannelId() == null ? null : cart.reservationChannelId().value(), Types.VARCHAR)
			.param("mergedInto", cart.mergedInto() == null ? null : cart.mergedInto().value(), Types.VARCHAR)
			.param("order", cart.orderId() == null ? null : cart.orderId().value(), Types.VARCHAR)
			.param("expiresAt", Timestamp.from(cart.expiresAt()))
			.param("updatedAt", Timestamp.from(cart.updatedAt()));
	}

	/** The INSERT of a new cart's lines, bound by {@link #lines}. */
	private static final String INSERT_LINES = """
			insert into cart_line (cart_id, sku, quantity, unit_gross, unit_net, unit_tax, tax_rate, channel_id,
			       added_at)
			select :cart, l.* from unnest(:skus::text[], :quantities::int[], :gross::bigint[], :net::bigint[],
			       :tax::bigint[], :rates::numeric[], :channels::text[], :addedAt::timestamptz[]) as l""";

	private static JdbcClient.StatementSpec lines(JdbcClient.StatementSpec statement, CartId cart,
			List<CartLine> lines) {
		return statement.param("cart", cart.value())
			.param("skus", lines.stream().map(CartLine::sku).toArray(String[]::new))
			.param("quantities", lines.stream().map(CartLine::quantity).toArray(Integer[]::new))
			.param("gross", lines.stream().map(l -> l.unitPrice().minorUnits()).toArray(Long[]::new))
			.param("net", lines.stream().map(l -> l.unitNet().minorUnits()).toArray(Long[]::new))
			.param("tax", lines.stream().map(l -> l.unitTax().minorUnits()).toArray(Long[]::new))
			.param("rates", lines.stream().map(CartLine::taxRate).toArray(BigDecimal[]::new))
			.param("channels", lines.stream().map(l -> l.channelId().value()).toArray(String[]::new))
			.param("addedAt", lines.stream().map(l -> Timestamp.from(l.addedAt())).toArray(Timestamp[]::new));
	}

	public void upsertLine(CartId cart, CartLine line) {
		line(jdbc.sql(UPSERT_LINE), cart, line).update();
	}

	private static JdbcClient.StatementSpec line(JdbcClient.StatementSpec statement, CartId cart, CartLine line) {
		return statement.param("cart", cart.value())
			.param("sku", line.sku())
			.param("quantity", line.quantity())
			.param("gross", line.unitPrice().minorUnits())
			.param("net", line.unitNet().minorUnits())
			.param("tax", line.unitTax().minorUnits())
			.param("rate", line.taxRate())
			.param("lineChannel", line.channelId().value())
			.param("addedAt", Timestamp.from(line.addedAt()));
	}

	public void deleteLine(CartId cart, String sku) {
		jdbc.sql("delete from cart_line where cart_id = :cart and sku = :sku")
			.param("cart", cart.value())
			.param("sku", sku)
			.update();
	}

	/** The cart with its lines, read (and locked when asked) in one statement. */
	public Optional<Cart> find(CartId id, boolean lock) {
		return find(id, lock, null);
	}

	/**
	 * As {@link #find(CartId, boolean)}, and with {@code policyOf}, the same statement
	 * reads that channel's reservation policy for {@link CartHolds} to hold by in this
	 * transaction.
	 */
	public Optional<Cart> find(CartId id, boolean lock, @Nullable ChannelId policyOf) {
		List<Joined> rows = jdbc.sql("""
				select c.*, l.sku as line_sku, l.quantity as line_quantity, l.unit_gross, l.unit_net, l.unit_tax,
				       l.tax_rate, l.channel_id as line_channel_id, l.added_at as line_added_at,
				       rp.mode as policy_mode, rp.hold_minutes as policy_hold
				  from cart c left join cart_line l on l.cart_id = c.id
				  left join reservation_policy rp on rp.channel_id = :policyOf
				 where c.id = :id
				 order by l.added_at, l.sku""" + (lock ? " for update of c" : ""))
			.param("id", id.value())
			.param("policyOf", policyOf == null ? "" : policyOf.value())
			.query((rs, n) -> {
				Cart cart = cart(rs, n);
				String sku = rs.getString("line_sku");
				CartLine line = sku == null ? null : new CartLine(sku, rs.getInt("line_quantity"),
						Money.of(rs.getLong("unit_gross"), cart.currency()),
						Money.of(rs.getLong("unit_net"), cart.currency()),
						Money.of(rs.getLong("unit_tax"), cart.currency()), rs.getBigDecimal("tax_rate"),
						new ChannelId(rs.getString("line_channel_id")), rs.getTimestamp("line_added_at").toInstant());
				return new Joined(cart, line, rs.getString("policy_mode"), rs.getInt("policy_hold"));
			})
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Joined first = rows.getFirst();
		if (policyOf != null) {
			CartHolds.remember(ReservationPolicies.of(policyOf, first.policyMode(), first.policyHold()));
		}
		Cart cart = first.cart();
		List<CartLine> lines = rows.stream().map(Joined::line).filter(java.util.Objects::nonNull).toList();
		return Optional.of(new Cart(cart.id(), cart.status(), cart.currency(), cart.country(), cart.customerIds(),
				cart.profileId(), cart.channelId(), cart.reservationId(), cart.reservationChannelId(),
				cart.mergedInto(), cart.orderId(), lines, List.of(), cart.expiresAt(), cart.createdAt(),
				cart.updatedAt()));
	}

	/**
	 * The open carts of a customer known by any of these identifiers or profiles, oldest
	 * first, locked when asked (in id order, so two merges never deadlock).
	 */
	public List<Cart> openOf(Collection<String> customerIds, Collection<String> profileIds, boolean lock) {
		return jdbc.sql("""
				select * from cart where status = 'OPEN'
				   and (customer_ids && :ids::text[] or profile_id = any(:profiles::text[]))
				 order by id""" + (lock ? " for update" : ""))
			.param("ids", customerIds.toArray(String[]::new))
			.param("profiles", profileIds.toArray(String[]::new))
			.query(CartStore::cart)
			.list()
			.stream()
			.map(this::withLines)
			.toList();
	}

	/** Carts whose profile was merged into another now belong to the survivor. */
	public void moveProfile(String merged, String survivor) {
		jdbc.sql("update cart set profile_id = :survivor where profile_id = :merged")
			.param("survivor", survivor)
			.param("merged", merged)
			.update();
	}

	/**
	 * Replaces the cart's code; any earlier code of the cart, or an expired one, goes.
	 */
	public void putHandover(CartId cart, String code, Instant expiresAt, Instant now) {
		jdbc.sql("delete from cart_handover where cart_id = :cart or expires_at <= :now")
			.param("cart", cart.value())
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("insert into cart_handover (code, cart_id, expires_at) values (:code, :cart, :expiresAt)")
			.param("code", code)
			.param("cart", cart.value())
			.param("expiresAt", Timestamp.from(expiresAt))
			.update();
	}

	/** Uses a code up: the cart it was for, when it is still valid. */
	public Optional<CartId> takeHandover(String code, Instant now) {
		return jdbc.sql("delete from cart_handover where code = :code returning cart_id, expires_at")
			.param("code", code)
			.query((rs, n) -> rs.getTimestamp("expires_at").toInstant().isAfter(now)
					? Optional.of(new CartId(rs.getString("cart_id"))) : Optional.<CartId>empty())
			.optional()
			.flatMap(found -> found);
	}

	/** The cart the code is for, without using it up. */
	public Optional<CartId> peekHandover(String code, Instant now) {
		return jdbc.sql("select cart_id from cart_handover where code = :code and expires_at > :now")
			.param("code", code)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new CartId(rs.getString(1)))
			.optional();
	}

	private Cart withLines(Cart cart) {
		List<CartLine> lines = jdbc.sql("select * from cart_line where cart_id = :cart order by added_at, sku")
			.param("cart", cart.id().value())
			.query((rs, n) -> new CartLine(rs.getString("sku"), rs.getInt("quantity"),
					Money.of(rs.getLong("unit_gross"), cart.currency()),
					Money.of(rs.getLong("unit_net"), cart.currency()),
					Money.of(rs.getLong("unit_tax"), cart.currency()), rs.getBigDecimal("tax_rate"),
					new ChannelId(rs.getString("channel_id")), rs.getTimestamp("added_at").toInstant()))
			.list();
		return new Cart(cart.id(), cart.status(), cart.currency(), cart.country(), cart.customerIds(), cart.profileId(),
				cart.channelId(), cart.reservationId(), cart.reservationChannelId(), cart.mergedInto(), cart.orderId(),
				lines, List.of(), cart.expiresAt(), cart.createdAt(), cart.updatedAt());
	}

	private static Cart cart(ResultSet rs, int row) throws SQLException {
		String reservation = rs.getString("reservation_id");
		String reservationChannel = rs.getString("reservation_channel_id");
		String mergedInto = rs.getString("merged_into");
		String order = rs.getString("order_id");
		return new Cart(new CartId(rs.getString("id")), CartStatus.valueOf(rs.getString("status")),
				rs.getString("currency"), rs.getString("country"), strings(rs.getArray("customer_ids")),
				rs.getString("profile_id"), new ChannelId(rs.getString("channel_id")),
				reservation == null ? null : new ReservationId(reservation),
				reservationChannel == null ? null : new ChannelId(reservationChannel),
				mergedInto == null ? null : new CartId(mergedInto), order == null ? null : new OrderId(order),
				List.of(), List.of(), rs.getTimestamp("expires_at").toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	static List<String> strings(@Nullable Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	/**
	 * A cart row joined to one of its lines (or to none) and to the reservation policy
	 * asked for (its mode null when there is none).
	 */
	private record Joined(Cart cart, @Nullable CartLine line, @Nullable String policyMode, int policyHold) {
	}

}
