package io.omnis.returns.internal;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.catalog.PriceQuote;
import io.omnis.catalog.Pricing;
import io.omnis.channel.ChannelId;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.FulfilmentRequest;
import io.omnis.fulfilment.OrderRouter;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.Charges;
import io.omnis.order.Order;
import io.omnis.order.Refunds;
import io.omnis.returns.Resolution;
import io.omnis.returns.Return;
import io.omnis.returns.ReturnId;
import io.omnis.returns.Returns;
import io.omnis.returns.StoreCredit;

/**
 * The exchange side of a return: the new item priced as the order's channel sells it now
 * (gross, tax included), routed and reserved, and the difference settled: a dearer item
 * is charged through the order's payment provider as the last step of starting the return
 * (a refused charge throws, so the reservation and everything else roll back); a cheaper
 * one is given back on receipt, to the order's payment or as store credit.
 */
@Component
public class Exchanges {

	private final Pricing pricing;

	private final OrderRouter router;

	private final Charges charges;

	private final Refunds refunds;

	private final StoreCredit credit;

	private final Places places;

	Exchanges(Pricing pricing, OrderRouter router, Charges charges, Refunds refunds, StoreCredit credit,
			Places places) {
		this.pricing = pricing;
		this.router = router;
		this.charges = charges;
		this.refunds = refunds;
		this.credit = credit;
		this.places = places;
	}

	/**
	 * Prices, reserves and (for a dearer item) pays for the item wanted for the units
	 * returned, worth {@code returned}.
	 */
	public Return.Exchange start(ReturnId id, Order order, ChannelId channel, Returns.@Nullable ExchangeRequest wanted,
			int units, Money returned) {
		if (wanted == null) {
			throw ProblemException.invalidField("exchange", "is required for the resolution EXCHANGE");
		}
		if (wanted.sku() == null || !Sku.isValid(wanted.sku())) {
			throw ProblemException.invalidField("exchange.sku", "must be a SKU");
		}
		FulfilmentMethod method = Enums.of(FulfilmentMethod.class, wanted.method(), "exchange.method");
		LocationId pickup = null;
		Coordinates destination = null;
		if (method.atStore()) {
			pickup = places.get(wanted.pickupLocationId(), "exchange.pickupLocationId").id();
		}
		else {
			if (wanted.latitude() == null || wanted.longitude() == null || Math.abs(wanted.latitude()) > 90
					|| Math.abs(wanted.longitude()) > 180) {
				throw ProblemException.invalidField("exchange.latitude",
						"and exchange.longitude are required to ship: -90 to 90 and -180 to 180");
			}
			destination = new Coordinates(wanted.latitude(), wanted.longitude());
		}
		Money unitPrice = price(order, wanted.sku());
		Money difference = unitPrice.times(units).minus(returned);
		Resolution refundTo = null;
		if (difference.isNegative()) {
			refundTo = wanted.refundTo() == null ? Resolution.REFUND
					: Enums.of(Resolution.class, wanted.refundTo(), "exchange.refundTo");
			if (refundTo == Resolution.EXCHANGE) {
				throw ProblemException.invalidField("exchange.refundTo", "must be one of "
						+ Arrays.toString(new Resolution[] { Resolution.REFUND, Resolution.STORE_CREDIT }));
			}
			if (refundTo == Resolution.STORE_CREDIT && order.profileId() == null) {
				throw ProblemException.invalidField("exchange.refundTo",
						"STORE_CREDIT needs an order of a known customer; order " + order.id() + " is anonymous");
			}
			if (refundTo == Resolution.REFUND && refunds.taken(order).minorUnits() == 0) {
				throw new ProblemException(ProblemType.CONFLICT, "Order " + order.id() + " was never paid",
						List.of(new FieldError("exchange.refundTo", "cannot be REFUND for an unpaid order")));
			}
		}
		else if (wanted.refundTo() != null) {
			throw ProblemException.invalidField("exchange.refundTo",
					"is only for an item cheaper than what is returned (the difference is " + difference + ")");
		}
		Fulfilment routed = router.routeWithin(new FulfilmentRequest(channel, id.value(),
				order.profileId() != null ? order.profileId() : order.customer(), method, destination, pickup,
				List.of(new FulfilmentRequest.Line(new Sku(wanted.sku()), units))), () -> {
				});
		Charges.Charge charge = difference.minorUnits() > 0
				? charges.charge(order.id(), difference, wanted.payment(), "exchange.payment") : null;
		return new Return.Exchange(wanted.sku(), units, routed.id().value(), null, unitPrice, difference,
				charge == null ? null : charge.method(), charge == null ? null : charge.reference(), refundTo, null);
	}

	/**
	 * Gives back what is owed for a cheaper item, on receipt.
	 * @return the order's refund (ref_…) or the store credit entry (scr_…), by the
	 * exchange's choice; null when nothing is owed
	 */
	public @Nullable Settled settle(Return r) {
		Return.Exchange exchange = r.exchange();
		Money owed = exchange == null ? null : exchange.owed();
		if (exchange == null || owed == null) {
			return null;
		}
		return exchange.refundTo() == Resolution.STORE_CREDIT
				? new Settled(null, credit.credit(String.valueOf(r.profileId()), owed, r.id().value(), "exchange").id())
				: new Settled(refunds.refund(r.orderId(), owed, "exchange", r.id().value()).id(), null);
	}

	/**
	 * Gives the charge for a dearer item back through the provider that took it (the
	 * return was cancelled).
	 * @return the provider's refund reference, or null when nothing was charged
	 */
	public @Nullable String giveBack(Return r) {
		Return.Exchange exchange = r.exchange();
		if (exchange == null || exchange.chargeReference() == null || exchange.chargeMethod() == null
				|| exchange.difference() == null) {
			return null;
		}
		return charges.giveBack(r.orderId(),
				new Charges.Charge(exchange.chargeMethod(), exchange.chargeReference(), exchange.difference()));
	}

	private Money price(Order order, String sku) {
		PriceQuote quote;
		try {
			quote = pricing.quote(sku, order.channelId().value(), order.currency(), null, order.country(), null);
		}
		catch (ProblemException refused) {
			throw new ProblemException(refused.type(),
					"The item wanted in exchange cannot be priced: " + refused.getMessage(),
					List.of(new FieldError("exchange.sku", "has no price in " + order.currency() + " for channel "
							+ order.channelId() + ": " + refused.getMessage())));
		}
		return quote.gross();
	}

	/** What was given back for a cheaper item: a refund or a store credit entry. */
	public record Settled(@Nullable String refundId, @Nullable String creditEntryId) {
	}

}
