package io.omnis.returns.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.omnis.kernel.CustomerDataExport;
import io.omnis.kernel.CustomerPanel;
import io.omnis.kernel.web.Page;
import io.omnis.returns.Returns;
import io.omnis.returns.StoreCredit;
import io.omnis.returns.web.ReturnJson.EntryView;
import io.omnis.returns.web.ReturnJson.MoneyView;
import io.omnis.returns.web.ReturnJson.ReturnView;

/** Her returns, and her store credit with its ledger, for the copy of her data. */
@Component
class ReturnDataExport implements CustomerDataExport {

	static final int MAX_ROWS = 10_000;

	private final Returns returns;

	private final StoreCredit credit;

	ReturnDataExport(Returns returns, StoreCredit credit) {
		this.returns = returns;
		this.credit = credit;
	}

	@Override
	public String section() {
		return "returns";
	}

	@Override
	public Object export(CustomerPanel.Customer customer) {
		Map<String, Object> section = new LinkedHashMap<>();
		section.put("returns",
				Page.all(cursor -> returns.ofCustomer(customer.profileId(), cursor, 100), MAX_ROWS)
					.stream()
					.map(ReturnView::of)
					.toList());
		section.put("storeCredit", credit.balances(customer.profileId()).stream().map(MoneyView::of).toList());
		section.put("storeCreditEntries",
				Page.all(cursor -> credit.entries(customer.profileId(), cursor, 100), MAX_ROWS)
					.stream()
					.map(EntryView::of)
					.toList());
		return section;
	}

}
