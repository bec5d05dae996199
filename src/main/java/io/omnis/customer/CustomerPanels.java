package io.omnis.customer;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import io.omnis.kernel.CustomerDataExport;
import io.omnis.kernel.CustomerPanel;

/**
 * The parts of a customer's 360 that other modules contribute (orders, carts,
 * conversations), gathered for one member of staff: only the panels and the actions her
 * permissions allow. A panel that fails is shown as unavailable; it never takes the page
 * down.
 */
@Service
public class CustomerPanels {

	private static final Logger log = LoggerFactory.getLogger(CustomerPanels.class);

	private final List<CustomerPanel> panels;

	private final List<CustomerDataExport> exports;

	CustomerPanels(List<CustomerPanel> panels, List<CustomerDataExport> exports) {
		this.panels = panels.stream().sorted(Comparator.comparingInt(CustomerPanel::position)).toList();
		this.exports = exports.stream().sorted(Comparator.comparing(CustomerDataExport::section)).toList();
	}

	/**
	 * Each module's section of the customer's copy of her data, by section name. Unlike a
	 * panel, a section that fails fails the copy: a copy must be whole.
	 */
	public Map<String, Object> exports(Profile profile) {
		CustomerPanel.Customer customer = customer(profile);
		Map<String, Object> sections = new LinkedHashMap<>();
		exports.forEach(export -> sections.put(export.section(), export.export(customer)));
		return sections;
	}

	private static CustomerPanel.Customer customer(Profile profile) {
		Set<String> identifiers = new LinkedHashSet<>();
		profile.identifiers().forEach(known -> identifiers.add(known.type() + ":" + known.value()));
		return new CustomerPanel.Customer(profile.id(), Set.copyOf(identifiers));
	}

	/**
	 * The panels of this profile for staff holding {@code authorities}
	 * ({@code orders:read}…).
	 */
	public List<Panel> of(Profile profile, Collection<String> authorities, int limit) {
		CustomerPanel.Customer customer = customer(profile);
		return panels.stream()
			.filter(panel -> panel.requires() == null || authorities.contains(panel.requires().authority()))
			.map(panel -> view(panel, customer, authorities, limit))
			.toList();
	}

	private static Panel view(CustomerPanel panel, CustomerPanel.Customer customer, Collection<String> authorities,
			int limit) {
		try {
			List<CustomerPanel.Row> rows = panel.rows(customer, limit)
				.stream()
				.map(row -> new CustomerPanel.Row(row.label(), row.detail(), row.status(), row.href(), row.at(),
						row.actions()
							.stream()
							.filter(action -> authorities.contains(action.requires().authority()))
							.toList()))
				.toList();
			return new Panel(panel.title(), rows, null);
		}
		catch (RuntimeException ex) {
			log.warn("The customer panel '{}' failed for {}", panel.title(), customer.profileId(), ex);
			return new Panel(panel.title(), List.of(), "Unavailable right now");
		}
	}

	/**
	 * A panel as shown.
	 *
	 * @param problem why it shows nothing, when it failed
	 */
	public record Panel(String title, List<CustomerPanel.Row> rows, @Nullable String problem) {
	}

}
