package io.omnis.inventory;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.ChannelType;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reservation of one line made outside any transaction commits by itself (one
 * statement); made inside a caller's transaction (a checkout) it is part of that
 * transaction and goes when the caller rolls back.
 */
class ReservationTransactionTests extends InventoryTestSupport {

	@Autowired
	Reservations reservations;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient sql;

	@Test
	void aSingleLineHeldInsideACallersTransactionIsUndoneWhenTheCallerRollsBack() {
		Caller web = channel(ChannelType.WEB);
		LocationId location = new LocationId(location(web.api()));
		Sku sku = new Sku(sku());
		receive(web.api(), sku.value(), location.value(), 5);

		Reservation undone = transactions.execute(status -> {
			Reservation held = reservations.reserve(web.id(), "checkout-1", ReservationKind.ORDER,
					Duration.ofMinutes(5), List.of(ReservationLine.of(sku, location, 2)));
			status.setRollbackOnly();
			return held;
		});

		assertThat(undone).isNotNull();
		assertThat(reserved(sku, location)).isZero();
		assertThat(count("reservation where id = '" + undone.id().value() + "'")).isZero();
		assertThat(count("stock_movement where reference = '" + undone.id().value() + "'")).isZero();
	}

	@Test
	void aSingleLineHeldOutsideATransactionIsCommittedWithItsMovementAndLine() {
		Caller web = channel(ChannelType.WEB);
		LocationId location = new LocationId(location(web.api()));
		Sku sku = new Sku(sku());
		receive(web.api(), sku.value(), location.value(), 5);

		Reservation held = reservations.reserve(web.id(), "cart-1", ReservationKind.CART, Duration.ofMinutes(5),
				List.of(ReservationLine.of(sku, location, 5)));

		assertThat(reserved(sku, location)).isEqualTo(5);
		assertThat(reservations.get(held.id().value()).lines())
			.containsExactly(new ReservationLine(sku, location, 5, 0));
		assertThat(sql.sql("""
				select reserved_delta, reserved_after from stock_movement
				 where reference = :id and type = 'RESERVE'""")
			.param("id", held.id().value())
			.query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2)))
			.single()).containsExactly(5, 5);
		assertThatThrownBy(() -> reservations.reserve(web.id(), "cart-2", ReservationKind.CART, Duration.ofMinutes(5),
				List.of(ReservationLine.of(sku, location, 1))))
			.isInstanceOfSatisfying(ProblemException.class,
					refused -> assertThat(refused.type()).isEqualTo(ProblemType.INSUFFICIENT_STOCK));
		assertThat(count("reservation where reference = 'cart-2' and channel_id = '" + web.id().value() + "'"))
			.isZero();
	}

	private int reserved(Sku sku, LocationId location) {
		return sql.sql("select reserved from stock where sku = :sku and location_id = :location")
			.param("sku", sku.value())
			.param("location", location.value())
			.query(Integer.class)
			.single();
	}

	private long count(String fromWhere) {
		return sql.sql("select count(*) from " + fromWhere).query(Long.class).single();
	}

}
