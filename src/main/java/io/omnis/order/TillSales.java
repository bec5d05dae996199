package io.omnis.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.CatalogSearch;
import io.omnis.catalog.PriceQuote;
import io.omnis.catalog.Product;
import io.omnis.catalog.Variant;
import io.omnis.channel.ChannelId;
import io.omnis.customer.Identifier;
import io.omnis.inventory.Inventory;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.MovementType;
import io.omnis.inventory.Sku;
import io.omnis.inventory.StockChange;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.internal.Customers;
import io.omnis.order.internal.Customers.Customer;
import io.omnis.order.internal.OrderStore;
import io.omnis.order.internal.PaymentProviders;
import io.omnis.order.internal.Quotes;
import io.omnis.order.internal.StockHolds;
import io.omnis.order.internal.Timeline;

/**
 * Rings up what a customer takes from the shelf at a till: the store is the one tied to
 * the till's channel, its stock goes down as SALE movements, and the sale is kept as a
 * completed order of kind TILL_SALE, hers when a loyalty card, phone or e-mail is given.
 */
@Service
@Transactional
public class TillSales {

	public static final int MAX_LINES = 100;

	private final StockHolds holds;

	private final Quotes quotes;

	private final CatalogSearch search;

	private final Inventory inventory;

	private final Customers customers;

	private final PaymentProviders payments;

	private final OrderStore orders;

	private final Timeline timeline;

	private final Clock clock;

	TillSales(StockHolds holds, Quotes quotes, CatalogSearch search, Inventory inventory, Customers customers,
			PaymentProviders payments, OrderStore orders, Timeline timeline, Clock clock) {
		this.holds = holds;
		this.quotes = quotes;
		this.search = search;
		this.inventory = inventory;
		this.customers = customers;
		this.payments = payments;
		this.orders = orders;
		this.timeline = timeline;
		this.clock = clock;
	}

	public Order record(ChannelId channel, Sale sale) {
		Location store = holds.storeOf(channel)
			.orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
					"Channel " + channel + " is not a store's till: no store location is tied to it",
					List.of(new FieldError("channel", "has no store location"))));
		String currency = OrderInput.currency(sale.currency());
		String country = store.address().country();
		List<SaleLine> given = sale.lines() == null ? List.of() : sale.lines();
		if (given.isEmpty() || given.size() > MAX_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + MAX_LINES + " lines");
		}
		List<OrderLine> lines = new ArrayList<>();
		List<StockChange> sold = new ArrayList<>();
		OrderId id = OrderId.next();
		for (int i = 0; i < given.size(); i++) {
			SaleLine line = given.get(i);
			String field = "lines[" + i + "]";
			if (line == null) {
				throw ProblemException.invalidField(field, "is required");
			}
			int quantity = OrderInput.quantity(line.quantity(), field + ".quantity");
			String sku = sku(line, channel, field);
			PriceQuote price = quotes.require(sku, channel, currency, country, field + ".sku");
			lines.add(new OrderLine(sku, quantity, price.gross(), price.net(), price.tax(), price.taxRate().rate()));
			Variant variant = quotes.variant(sku);
			if (variant != null && variant.isKit()) {
				variant.components()
					.forEach(part -> sold.add(sale(part.sku(), store.id(), part.quantity() * quantity, id)));
			}
			else {
				sold.add(sale(sku, store.id(), quantity, id));
			}
		}
		Customer customer = customer(sale.customer());
		Money net = lines.stream().map(l -> l.unitNet().times(l.quantity())).reduce(Money.zero(currency), Money::plus);
		Money tax = lines.stream().map(l -> l.unitTax().times(l.quantity())).reduce(Money.zero(currency), Money::plus);
		Money total = net.plus(tax);
		String method = "in-store";
		String reference = "till:" + id;
		if (sale.payment() != null && sale.payment().method() != null) {
			PaymentProvider provider = payments.get(sale.payment().method(), "payment.method");
			if (!PaymentProviders.isPayInStore(provider)) {
				reference = provider
					.payFor(customer == null ? null : customer.profileId(), id, total, sale.payment().details())
					.reference();
			}
			method = provider.method();
		}
		// Stock moves after every line is known to be sellable; a shortage names its line
		inventory.record(sold, channel, "lines");
		Instant now = clock.instant();
		Order order = new Order(id, OrderKind.TILL_SALE, OrderStatus.COMPLETED, null, channel, store.id().value(),
				currency, country,
				customer == null ? null
						: customer.profileId() != null ? customer.profileId() : customer.given().getFirst(),
				customer == null ? List.of() : customer.given(), customer == null ? null : customer.profileId(), lines,
				net, tax, total, null, method, reference, null, null, now, now, null, null, now, null, now);
		orders.insert(order);
		timeline.record(order);
		return order;
	}

	private String sku(SaleLine line, ChannelId channel, String field) {
		if (line.sku() != null) {
			return OrderInput.sku(line.sku(), field + ".sku");
		}
		if (line.barcode() == null || line.barcode().isBlank()) {
			throw ProblemException.invalidField(field + ".sku", "or a barcode is required");
		}
		List<Product> found = search
			.find(new CatalogSearch.Query(null, null, line.barcode().strip(), null, null), null, 1)
			.data();
		return found.stream()
			.flatMap(product -> product.variants().stream())
			.filter(variant -> line.barcode().strip().equals(variant.barcode()))
			.map(Variant::sku)
			.findFirst()
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
					"No variant with barcode '" + line.barcode() + "'",
					List.of(new FieldError(field + ".barcode", "is not a known barcode"))));
	}

	private static StockChange sale(String sku, LocationId location, int quantity, OrderId order) {
		return new StockChange(MovementType.SALE, new Sku(sku), location, quantity, "till sale", order.value());
	}

	private @Nullable Customer customer(@Nullable SaleCustomer given) {
		if (given == null) {
			return null;
		}
		List<Identifier> identifiers = OrderInput.identifiers(
				new Carts.CustomerIds(null, null, given.email(), given.phone(), given.loyaltyCard(), null), false,
				"customer.");
		if (identifiers.isEmpty()) {
			return null;
		}
		return customers.resolve(identifiers, null, "customer");
	}

	/** What was rung up. */
	public record Sale(@Nullable List<SaleLine> lines, @Nullable String currency, @Nullable SaleCustomer customer,
			Checkout.@Nullable Payment payment) {
	}

	/** One line: a SKU or a scanned barcode, and the units. */
	public record SaleLine(@Nullable String sku, @Nullable String barcode, @Nullable Integer quantity) {
	}

	/** The customer, when she gives a way to know her. */
	public record SaleCustomer(@Nullable String loyaltyCard, @Nullable String phone, @Nullable String email) {
	}

}
