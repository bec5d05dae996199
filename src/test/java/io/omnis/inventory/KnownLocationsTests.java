package io.omnis.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.ChannelType;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node remembers which locations exist (they are never deleted), and only what a
 * committed transaction saw: a location that a rolled-back transaction created and read
 * is not taken for an existing one afterwards.
 */
class KnownLocationsTests extends InventoryTestSupport {

	@Autowired
	Locations locations;

	@Autowired
	Reservations reservations;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aLocationSeenOnlyByARolledBackTransactionIsUnknownAfterwards() {
		Caller web = channel(ChannelType.WEB);
		LocationId undone = transactions.execute(status -> {
			Location created = locations.create(new Locations.Draft("Rolled back " + UUID.randomUUID(),
					LocationType.WAREHOUSE, new Address("Rua Garrett 12", null, "Lisboa", null, null, "PT"),
					new Coordinates(38.7, -9.1), "Europe/Lisbon", null, Set.of(Capability.SHIPS), null));
			assertThat(locations.existing(Set.of(created.id()))).containsExactly(created.id());
			status.setRollbackOnly();
			return created.id();
		});

		assertThat(locations.existing(Set.of(undone))).isEmpty();
		assertThatThrownBy(() -> reservations.reserve(web.id(), "cart-1", ReservationKind.CART, Duration.ofMinutes(5),
				List.of(ReservationLine.of(new Sku(sku()), undone, 1))))
			.isInstanceOfSatisfying(ProblemException.class, refused -> {
				assertThat(refused.type()).isEqualTo(ProblemType.NOT_FOUND);
				assertThat(refused.errors()).extracting(FieldError::field).containsExactly("lines[0].locationId");
			});
	}

	@Test
	void aKnownLocationDoesNotMakeAnUnknownOneKnown() {
		Caller web = channel(ChannelType.WEB);
		LocationId known = new LocationId(location(web.api()));
		LocationId unknown = LocationId.next();

		// Asked, then answered from memory; an unknown id beside it is still asked
		assertThat(locations.existing(Set.of(known))).containsExactly(known);
		assertThat(locations.existing(Set.of(known))).containsExactly(known);
		assertThat(locations.existing(Set.of(known, unknown))).containsExactly(known);
		assertThat(locations.existing(Set.of(unknown))).isEmpty();
	}

}
