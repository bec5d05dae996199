package io.omnis.returns.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.Order;
import io.omnis.order.OrderLine;
import io.omnis.returns.Return;
import io.omnis.returns.ReturnLine;
import io.omnis.returns.ReturnReason;
import io.omnis.returns.Returns;

/**
 * The lines a return is started with: checked against what the order bought, then taken
 * from what is still returnable of each order line (one conditional UPDATE per line: two
 * returns racing for the last unit cannot both have it), and given back when a return is
 * cancelled.
 */
@Component
public class ReturnLines {

	public static final int MAX_LINES = 100;

	public static final int MAX_NOTE = 500;

	private final Returnables returnables;

	ReturnLines(Returnables returnables) {
		this.returnables = returnables;
	}

	/** The lines asked for, each priced at what was paid for it. */
	public List<ReturnLine> of(Order order, @Nullable List<Returns.LineRequest> given) {
		if (given == null || given.isEmpty() || given.size() > MAX_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + MAX_LINES + " lines");
		}
		List<ReturnLine> lines = new ArrayList<>();
		Set<Integer> seen = new HashSet<>();
		for (int i = 0; i < given.size(); i++) {
			Returns.LineRequest line = given.get(i);
			String field = "lines[" + i + "]";
			if (line == null) {
				throw ProblemException.invalidField(field, "is required");
			}
			int position = position(order, line, field);
			if (!seen.add(position)) {
				throw ProblemException.invalidField(field + ".line",
						"names order line " + position + " a second time: give its units once");
			}
			OrderLine bought = order.lines().get(position);
			if (line.quantity() == null || line.quantity() < 1) {
				throw ProblemException.invalidField(field + ".quantity", "must be at least 1");
			}
			if (line.quantity() > bought.quantity()) {
				throw new ProblemException(ProblemType.EXCEEDS_PURCHASE,
						"Order " + order.id() + " bought " + bought.quantity() + " of '" + bought.sku() + "', not "
								+ line.quantity() + "; nothing changed",
						List.of(new FieldError(field + ".quantity",
								"is more than the " + bought.quantity() + " bought")))
					.with("bought", bought.quantity());
			}
			ReturnReason reason = Enums.of(ReturnReason.class, line.reason(), field + ".reason");
			lines.add(new ReturnLine(position, bought.sku(), line.quantity(), bought.unitPrice(), reason,
					note(line.note(), field + ".note"), null, null));
		}
		return lines;
	}

	/** Takes the units of each line from what is left to return, or refuses them all. */
	public void take(Order order, List<ReturnLine> lines) {
		returnables.ensure(order);
		// Lines are taken in order-line order by every return, so two never deadlock
		List<Integer> byPosition = IntStream.range(0, lines.size())
			.boxed()
			.sorted(Comparator.comparing(i -> lines.get(i).orderLine()))
			.toList();
		for (int i : byPosition) {
			ReturnLine line = lines.get(i);
			if (!returnables.take(order, line.orderLine(), line.quantity())) {
				int left = order.lines().get(line.orderLine()).quantity()
						- returnables.returned(order.id().value(), line.orderLine());
				throw new ProblemException(ProblemType.CONFLICT,
						"Only " + left + " of " + order.lines().get(line.orderLine()).quantity() + " units of '"
								+ line.sku() + "' on order " + order.id() + " are not returned yet; nothing changed",
						List.of(new FieldError("lines[" + i + "].quantity",
								left == 0 ? "is returned already" : "is more than the " + left + " not returned yet")))
					.with("returnable", left);
			}
		}
	}

	/** The return's units are returnable again (it was cancelled). */
	public void giveBack(Return r) {
		for (ReturnLine line : r.lines()) {
			returnables.giveBack(r.orderId().value(), line.orderLine(), line.quantity());
		}
	}

	/** Units of each order line not returned yet (by returns not cancelled). */
	public List<Integer> returnable(Order order) {
		List<Integer> left = new ArrayList<>();
		for (int i = 0; i < order.lines().size(); i++) {
			left.add(order.lines().get(i).quantity() - returnables.returned(order.id().value(), i));
		}
		return left;
	}

	/** A note, stripped; null when blank. */
	public static @Nullable String note(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > MAX_NOTE || value.chars().anyMatch(c -> c == 0)) {
			throw ProblemException.invalidField(field, "must be at most " + MAX_NOTE + " characters");
		}
		return value.strip();
	}

	private static int position(Order order, Returns.LineRequest line, String field) {
		if (line.line() != null) {
			if (line.line() < 0 || line.line() >= order.lines().size()) {
				throw ProblemException.invalidField(field + ".line",
						"must be an order line, 0 to " + (order.lines().size() - 1));
			}
			return line.line();
		}
		if (line.sku() == null || line.sku().isBlank()) {
			throw ProblemException.invalidField(field + ".sku", "or the order line's position (line) is required");
		}
		for (int p = 0; p < order.lines().size(); p++) {
			if (order.lines().get(p).sku().equals(line.sku())) {
				return p;
			}
		}
		throw ProblemException.invalidField(field + ".sku", "is not on order " + order.id());
	}

}
