package io.omnis.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.kernel.problem.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random sequence of movements, allocations and reservations (held, adjusted,
 * released, consumed) against a model that only counts what Omnis accepted: the ledger
 * adds up to the stock, refused changes leave no trace, and reserved and allocated agree
 * with the reservations that hold them.
 */
class LedgerInvariantTests extends InventoryTestSupport {

	private static final List<MovementType> MOVEMENTS = List.of(MovementType.RECEIPT, MovementType.SALE,
			MovementType.ADJUSTMENT, MovementType.COUNT, MovementType.TRANSFER_OUT, MovementType.TRANSFER_IN,
			MovementType.RETURN);

	@Autowired
	Inventory inventory;

	@Autowired
	Reservations reservations;

	@Autowired
	Allocations allocations;

	@Autowired
	JdbcClient sql;

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 7, 42, 20261122 })
	void theLedgerAddsUpAfterARandomDay(long seed) {
		Random random = new Random(seed);
		Caller admin = channel(ChannelType.WEB);
		List<ChannelId> sellers = List.of(admin.id(), channel(ChannelType.MARKETPLACE).id());
		List<LocationId> locations = List.of(new LocationId(location(admin.api())),
				new LocationId(location(admin.api())));
		List<Sku> skus = List.of(new Sku(sku()), new Sku(sku()), new Sku(sku()));
		Map<String, int[]> model = new HashMap<>(); // on hand, reserved
		List<Reservation> held = new ArrayList<>();
		int accepted = 0;
		int refused = 0;

		for (int step = 0; step < 250; step++) {
			Sku sku = skus.get(random.nextInt(skus.size()));
			LocationId location = locations.get(random.nextInt(locations.size()));
			int[] stock = model.computeIfAbsent(key(sku, location), k -> new int[2]);
			try {
				switch (random.nextInt(7)) {
					case 0, 1 -> {
						MovementType type = MOVEMENTS.get(random.nextInt(MOVEMENTS.size()));
						int quantity = type == MovementType.ADJUSTMENT ? random.nextInt(11) - 5 : random.nextInt(8);
						Movement movement = inventory
							.record(List.of(new StockChange(type, sku, location, quantity, "random", null)),
									sellers.get(0), null)
							.getFirst();
						stock[0] += movement.onHandDelta();
					}
					case 2 -> allocations.allocate(sku, location, sellers.get(1), random.nextInt(4));
					case 3, 4 -> {
						List<ReservationLine> lines = new ArrayList<>();
						for (int i = 0; i < 1 + random.nextInt(3); i++) {
							lines.add(ReservationLine.of(skus.get(random.nextInt(skus.size())),
									locations.get(random.nextInt(locations.size())), 1 + random.nextInt(3)));
						}
						Reservation reservation = reservations.reserve(sellers.get(random.nextInt(2)), "cart-" + step,
								ReservationKind.CART, Duration.ofHours(1), lines);
						reservation.lines().forEach(line -> model.get(key(line))[1] += line.quantity());
						held.add(reservation);
					}
					default -> {
						if (held.isEmpty()) {
							continue;
						}
						Reservation reservation = held.remove(random.nextInt(held.size()));
						switch (random.nextInt(3)) {
							case 0 -> {
								reservations.release(reservation.id());
								reservation.lines().forEach(line -> model.get(key(line))[1] -= line.quantity());
							}
							case 1 -> {
								reservations.consume(reservation.id());
								reservation.lines().forEach(line -> {
									model.get(key(line))[0] -= line.quantity();
									model.get(key(line))[1] -= line.quantity();
								});
							}
							default -> {
								held.add(reservation);
								List<ReservationLine> edited = reservation.lines()
									.stream()
									.map(line -> ReservationLine.of(line.sku(), line.locationId(),
											1 + random.nextInt(4)))
									.toList();
								Reservation adjusted = reservations.adjust(reservation.id(), edited, null);
								held.remove(reservation);
								held.add(adjusted);
								reservation.lines().forEach(line -> model.get(key(line))[1] -= line.quantity());
								adjusted.lines().forEach(line -> model.get(key(line))[1] += line.quantity());
							}
						}
					}
				}
				accepted++;
			}
			catch (ProblemException ex) {
				refused++;
			}
		}

		assertThat(accepted).isGreaterThan(50);
		assertThat(refused).isGreaterThan(5);
		for (Sku sku : skus) {
			for (LocationId location : locations) {
				int[] expected = model.getOrDefault(key(sku, location), new int[2]);
				Map<String, Object> ledger = sql.sql("""
						select coalesce(sum(on_hand_delta), 0) as on_hand, coalesce(sum(reserved_delta), 0) as reserved
						  from stock_movement where sku = :sku and location_id = :location""")
					.param("sku", sku.value())
					.param("location", location.value())
					.query()
					.singleRow();
				Stock stock = inventory.stock(sku, location)
					.orElse(new Stock(sku, location, 0, 0, 0, 0, java.time.Instant.EPOCH));
				assertThat(stock.onHand()).as("on hand of %s at %s", sku, location).isEqualTo(expected[0]);
				assertThat(stock.reserved()).as("reserved of %s at %s", sku, location).isEqualTo(expected[1]);
				assertThat(((Number) ledger.get("on_hand")).intValue()).isEqualTo(stock.onHand());
				assertThat(((Number) ledger.get("reserved")).intValue()).isEqualTo(stock.reserved());
				assertThat(stock.reserved()).isBetween(0, stock.onHand());
				assertThat(stock.allocated()).isEqualTo(sql.sql("""
						select coalesce(sum(quantity - reserved), 0) from stock_allocation
						 where sku = :sku and location_id = :location""")
					.param("sku", sku.value())
					.param("location", location.value())
					.query(Integer.class)
					.single());
			}
		}
		assertThat(sql.sql("""
				select count(*) from stock_allocation a
				 where a.sku in (:skus) and a.reserved <> (
				       select coalesce(sum(l.from_allocation), 0) from reservation_line l
				         join reservation r on r.id = l.reservation_id
				        where r.status = 'HELD' and r.channel_id = a.channel_id
				          and l.sku = a.sku and l.location_id = a.location_id)""")
			.param("skus", skus.stream().map(Sku::value).toList())
			.query(Integer.class)
			.single()).as("allocations whose reserved disagrees with the reservations holding them").isZero();
	}

	private static String key(Sku sku, LocationId location) {
		return sku + "@" + location;
	}

	private static String key(ReservationLine line) {
		return key(line.sku(), line.locationId());
	}

}
