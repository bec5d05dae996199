package io.omnis.fulfilment.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.OrderRouter;
import io.omnis.fulfilment.Parcel;
import io.omnis.fulfilment.ParcelStatus;
import io.omnis.fulfilment.Parcels;
import io.omnis.fulfilment.PickLists;
import io.omnis.fulfilment.WorkTask;

/**
 * What the store tablet shows beside each task of a shipped fulfilment: that it is packed
 * into parcels, and the parcels waiting for the carrier.
 */
@Component
class Shelf {

	private final OrderRouter router;

	private final Parcels parcels;

	private final PickLists pickLists;

	Shelf(OrderRouter router, Parcels parcels, PickLists pickLists) {
		this.router = router;
		this.parcels = parcels;
		this.pickLists = pickLists;
	}

	/** For each task of a shipped fulfilment, by task id, the parcels packed there. */
	Map<String, List<Parcel>> shipping(List<WorkTask> tasks) {
		Map<String, List<Parcel>> shipping = new HashMap<>();
		Map<String, Fulfilment> fulfilments = new HashMap<>();
		for (WorkTask task : tasks) {
			if (task.kind() == WorkTask.Kind.PICK || task.fulfilmentId() == null) {
				continue;
			}
			Fulfilment fulfilment = fulfilments.computeIfAbsent(task.fulfilmentId().value(), router::get);
			if (!fulfilment.method().atStore()) {
				shipping.put(task.id(),
						parcels.of(fulfilment.id())
							.stream()
							.filter(p -> p.locationId().equals(task.locationId()) && p.status() == ParcelStatus.PACKED)
							.toList());
			}
		}
		return shipping;
	}

	ShippingController.PickListView pickList(String locationId) {
		return ShippingController.PickListView.of(pickLists.of(locationId));
	}

}
