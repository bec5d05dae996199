package io.omnis.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import io.omnis.kernel.CustomerPanel;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerPanelsTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final List<CustomerPanel.Customer> asked = new ArrayList<>();

	@Test
	void eachPanelIsAskedAboutTheProfileAndEveryIdentifierOfIt() {
		CustomerPanels panels = new CustomerPanels(List.of(panel("Orders", 10, null, false)), List.of());

		panels.of(profile(), Set.of(), 5);

		assertThat(asked).containsExactly(new CustomerPanel.Customer("cus_1",
				Set.of("email:ana@example.com", "anonymous_id:a-1", "phone:+351910000000")));
	}

	@Test
	void panelsComeInTheirPositionAndOnlyForStaffAllowedToSeeThem() {
		CustomerPanels panels = new CustomerPanels(
				List.of(panel("Conversations", 30, Permission.CONVERSATIONS_READ, false),
						panel("Orders", 10, null, false), panel("Carts", 20, null, false)),
				List.of());

		assertThat(panels.of(profile(), Set.of(), 5)).extracting(CustomerPanels.Panel::title)
			.containsExactly("Orders", "Carts");
		assertThat(panels.of(profile(), Set.of("conversations:read"), 5)).extracting(CustomerPanels.Panel::title)
			.containsExactly("Orders", "Carts", "Conversations");
	}

	@Test
	void anActionIsOfferedOnlyToStaffHoldingItsPermission() {
		CustomerPanels panels = new CustomerPanels(List.of(panel("Orders", 10, null, false)), List.of());

		assertThat(panels.of(profile(), Set.of("profiles:read"), 5).get(0).rows().get(0).actions()).isEmpty();
		assertThat(panels.of(profile(), Set.of("channels:manage"), 5).get(0).rows().get(0).actions())
			.extracting(CustomerPanel.Action::label)
			.containsExactly("Cancel");
	}

	@Test
	void aFailingPanelIsShownAsUnavailableAndTheOthersStillShow() {
		CustomerPanels panels = new CustomerPanels(
				List.of(panel("Orders", 10, null, true), panel("Carts", 20, null, false)), List.of());

		List<CustomerPanels.Panel> shown = panels.of(profile(), Set.of(), 5);

		assertThat(shown.get(0).problem()).isEqualTo("Unavailable right now");
		assertThat(shown.get(0).rows()).isEmpty();
		assertThat(shown.get(1).problem()).isNull();
		assertThat(shown.get(1).rows()).hasSize(1);
	}

	private CustomerPanel panel(String title, int position, Permission requires, boolean fails) {
		return new CustomerPanel() {

			@Override
			public String title() {
				return title;
			}

			@Override
			public int position() {
				return position;
			}

			@Override
			public Permission requires() {
				return requires;
			}

			@Override
			public List<Row> rows(Customer customer, int limit) {
				asked.add(customer);
				if (fails) {
					throw new IllegalStateException("the database went away");
				}
				return List
					.of(new Row("ord_1", "89.90 EUR", "paid", "/console/orders/ord_1", NOW, List.of(new Action("Cancel",
							"/console/orders/ord_1/cancel", Permission.CHANNELS_MANAGE, "Cancel this order?"))));
			}

		};
	}

	private static Profile profile() {
		JsonNodeFactory json = JsonNodeFactory.instance;
		List<Profile.KnownIdentifier> identifiers = List.of(
				new Profile.KnownIdentifier("email", "ana@example.com", NOW, "chn_1", "m-1"),
				new Profile.KnownIdentifier("anonymous_id", "a-1", NOW, "chn_1", "m-1"),
				new Profile.KnownIdentifier("phone", "+351910000000", NOW, "chn_2", "m-2"));
		return new Profile("cus_1", NOW, NOW, NOW, NOW, json.objectNode(), json.objectNode(), json.objectNode(),
				json.objectNode(), identifiers, List.of(), 0, Set.of());
	}

	@Test
	void eachModulesSectionOfHerCopyComesUnderItsNameAndAFailingOneFailsTheCopy() {
		CustomerPanels whole = new CustomerPanels(List.of(),
				List.of(section("orders", () -> List.of("ord_1")), section("conversations", List::of)));
		assertThat(whole.exports(profile())).containsExactly(java.util.Map.entry("conversations", List.of()),
				java.util.Map.entry("orders", List.of("ord_1")));

		CustomerPanels failing = new CustomerPanels(List.of(), List.of(section("orders", () -> {
			throw new IllegalStateException("orders are down");
		})));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.exports(profile()))
			.hasMessage("orders are down");
	}

	private static io.omnis.kernel.CustomerDataExport section(String name,
			java.util.function.Supplier<Object> content) {
		return new io.omnis.kernel.CustomerDataExport() {
			@Override
			public String section() {
				return name;
			}

			@Override
			public Object export(io.omnis.kernel.CustomerPanel.Customer customer) {
				return content.get();
			}
		};
	}

}
