package io.omnis.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.problem.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reservation's life: only a held one, within its time, can be sold or changed.
 */
class ReservationTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private final Reservation held = new Reservation(ReservationId.next(), ChannelId.next(), "cart-1",
			ReservationKind.CART, ReservationStatus.HELD,
			List.of(ReservationLine.of(new Sku("TEE-M"), LocationId.next(), 2)), NOW.plus(Duration.ofMinutes(15)), NOW,
			NOW);

	@Test
	void aHeldReservationIsSoldOnceAndThenNeitherReleasedNorSoldAgain() {
		Reservation consumed = held.consumed(NOW);

		assertThat(consumed.status()).isEqualTo(ReservationStatus.CONSUMED);
		assertThat(consumed.lines()).isEqualTo(held.lines());
		assertThatThrownBy(() -> consumed.released(NOW)).isInstanceOf(ProblemException.class)
			.hasMessageContaining("CONSUMED");
		assertThatThrownBy(() -> consumed.consumed(NOW)).isInstanceOf(ProblemException.class);
	}

	@Test
	void aReservationPastItsTimeCannotBeSoldOrChangedButCanExpire() {
		Instant late = NOW.plus(Duration.ofMinutes(16));

		assertThatThrownBy(() -> held.consumed(late)).isInstanceOf(ProblemException.class)
			.hasMessageContaining("expired");
		assertThatThrownBy(() -> held.adjusted(held.lines(), late, late)).isInstanceOf(ProblemException.class);
		assertThat(held.expired(late).status()).isEqualTo(ReservationStatus.EXPIRED);
		assertThat(held.isHeldAt(late)).isFalse();
	}

	@Test
	void aReservationCannotExpireBeforeItsTime() {
		assertThatThrownBy(() -> held.expired(NOW)).isInstanceOf(IllegalStateException.class);
	}

}
