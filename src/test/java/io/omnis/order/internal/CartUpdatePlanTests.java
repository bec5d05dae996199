package io.omnis.order.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.PreparedPlans;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelId;
import io.omnis.order.Cart;
import io.omnis.order.CartId;
import io.omnis.order.CartStatus;
import io.omnis.order.OrderId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cart's {@code UPDATE} is planned once per connection whether its nullable columns
 * are null or not: a cart is written without an order, then checked out with one, and a
 * statement re-prepared each time those alternate would be planned on every call.
 */
class CartUpdatePlanTests extends RunningOmnis {

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	CartStore carts;

	@Test
	void aCartWrittenWithAndWithoutItsOrderKeepsAGenericPlan() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Cart open = new Cart(CartId.next(), CartStatus.OPEN, "EUR", "PT", List.of("anonymous_id:plan"), null,
				ChannelId.next(), null, null, null, null, List.of(), List.of(), now.plusSeconds(3600), now, now);
		Cart checkedOut = new Cart(open.id(), CartStatus.CHECKED_OUT, "EUR", "PT", open.customerIds(), "cus_plan",
				open.channelId(), null, null, null, OrderId.next(), List.of(), List.of(), open.expiresAt(), now, now);
		transactions.executeWithoutResult(status -> {
			carts.insert(open);
			PreparedPlans before = PreparedPlans.of(jdbc, "update cart set status");
			for (int n = 0; n < 12; n++) {
				carts.update(open);
				carts.update(checkedOut);
			}
			PreparedPlans planned = PreparedPlans.of(jdbc, "update cart set status").since(before);
			assertThat(planned.custom()).as("custom plans").isLessThanOrEqualTo(5);
			assertThat(planned.generic()).as("executions of a generic plan").isGreaterThanOrEqualTo(12);
			status.setRollbackOnly();
		});
	}

}
