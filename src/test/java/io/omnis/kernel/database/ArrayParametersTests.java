package io.omnis.kernel.database;

import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.PreparedPlans;
import io.omnis.RunningOmnis;
import io.omnis.catalog.internal.QuoteStore;
import io.omnis.channel.ChannelId;
import io.omnis.inventory.Sku;
import io.omnis.inventory.internal.AvailabilityQueries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot statements that take a list of SKUs end up on a generic plan, made once per
 * connection, instead of being planned on every execution; a list too long to go as one
 * parameter per value still gets its answer.
 */
class ArrayParametersTests extends RunningOmnis {

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	QuoteStore quotes;

	@Autowired
	AvailabilityQueries availability;

	@Test
	void theCatalogQuoteKeepsAGenericPlan() {
		assertKeepsAGenericPlan("as wanted",
				length -> quotes.rows(skus(length), null, "EUR", Instant.now(), "PT", null));
	}

	@Test
	void theAvailabilityOfSkusKeepsAGenericPlan() {
		ChannelId channel = ChannelId.next();
		assertKeepsAGenericPlan("join location l on l.id = s.location_id",
				length -> availability.of(skus(length).stream().map(Sku::new).toList(), channel));
	}

	@Test
	void theUnitsOfSkusKeepAGenericPlan() {
		ChannelId channel = ChannelId.next();
		assertKeepsAGenericPlan("group by q.i",
				length -> availability.units(skus(length).stream().map(Sku::new).toList(), channel, null));
	}

	@Test
	void theCartAndTheNetworkByLocationKeepAGenericPlan() {
		ChannelId channel = ChannelId.next();
		assertKeepsAGenericPlan("join stock s on s.sku = q.sku",
				length -> availability.cart(skus(length).stream().map(Sku::new).toList(), new int[length], channel));
		assertKeepsAGenericPlan("array_position(",
				length -> availability.byLocation(skus(length).stream().map(Sku::new).toList(), channel));
	}

	@Test
	void aListLongerThanOneParameterEachIsAnsweredWhole() {
		int length = ArrayParameters.ONE_EACH + 50;
		assertThat(quotes.rows(skus(length), null, "EUR", Instant.now(), "PT", null)).hasSize(length)
			.allSatisfy(row -> assertThat(row.variant()).isNull());
		assertThat(availability.of(skus(length).stream().map(Sku::new).toList(), ChannelId.next())).isEmpty();
		assertThat(availability.units(skus(length).stream().map(Sku::new).toList(), ChannelId.next(), null))
			.hasSize(length)
			.containsOnly(0);
		assertThat(availability.cart(skus(length).stream().map(Sku::new).toList(), new int[length], ChannelId.next())
			.network()).hasSize(length).containsOnly(0);
		io.omnis.inventory.NetworkStock network = availability.byLocation(skus(length).stream().map(Sku::new).toList(),
				ChannelId.next());
		assertThat(network.skus()).hasSize(length);
		assertThat(network.locations()).isZero();
		assertThat(ArrayParameters.textArray("skus", length)).isEqualTo(":skus::text[]");
		assertThat(ArrayParameters.values(skus(length))).isInstanceOf(String[].class);
	}

	private static List<String> skus(int length) {
		return IntStream.range(0, length).mapToObj(n -> "AP-" + n).toList();
	}

	/**
	 * Runs the statement for each of two list lengths, each a statement text of its own,
	 * and checks that each kept a generic plan ({@link PreparedPlans#assertKeptGeneric}).
	 * With the list as one array parameter it never does, and every execution is planned.
	 */
	private void assertKeepsAGenericPlan(String statement, IntConsumer execution) {
		for (int length : new int[] { 1, 3 }) {
			PreparedPlans.assertKeptGeneric(transactions, jdbc, statement, () -> execution.accept(length));
		}
	}

}
