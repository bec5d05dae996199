package io.omnis.kernel;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.security.Permission;

/**
 * A part of the customer 360 that a module contributes: her orders, her carts, her past
 * conversations. The customer module lays the panels out on her page, and the agent's
 * conversation view beside the thread, without knowing the modules that fill them; a
 * module only answers for the customer it is asked about.
 */
public interface CustomerPanel {

	/** Its heading, such as "Orders". */
	String title();

	/** Where it goes among the panels: lower first. */
	default int position() {
		return 100;
	}

	/** The permission a member of staff needs to see it; empty when any may. */
	default @Nullable Permission requires() {
		return null;
	}

	/**
	 * What the module has of this customer, newest first.
	 * @param customer her profile and every identifier she is known by
	 * @param limit the most rows to return
	 */
	List<Row> rows(Customer customer, int limit);

	/**
	 * The customer asked about.
	 *
	 * @param profileId her profile ({@code cus_…})
	 * @param identifiers every identifier of her profile, as {@code type:value}
	 * ({@code email:ana@example.com}, {@code anonymous_id:…})
	 */
	record Customer(String profileId, Set<String> identifiers) {
	}

	/**
	 * One thing of hers.
	 *
	 * @param label what it is, for people: "ord_… · 3 items"
	 * @param detail a second line: "89.90 EUR · web shop"
	 * @param status its state in a word, shown as a badge: "paid"
	 * @param href a console page about it
	 * @param at when it happened or last changed
	 * @param actions what staff may do about it from the 360
	 */
	record Row(String label, @Nullable String detail, @Nullable String status, @Nullable String href,
			@Nullable Instant at, List<Action> actions) {

		public Row {
			actions = List.copyOf(actions);
		}

	}

	/**
	 * A button on a row: a console form posting to {@code href} (with the CSRF token),
	 * shown only to staff who hold {@code requires}.
	 *
	 * @param confirm a question to confirm before posting, or {@code null}
	 */
	record Action(String label, String href, Permission requires, @Nullable String confirm) {
	}

}
