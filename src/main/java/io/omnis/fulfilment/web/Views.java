package io.omnis.fulfilment.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.fulfilment.Allocation;
import io.omnis.fulfilment.Assignment;
import io.omnis.fulfilment.Decision;
import io.omnis.fulfilment.Explanation;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.LocationSettings;
import io.omnis.fulfilment.RejectionReason;
import io.omnis.fulfilment.Reroute;
import io.omnis.inventory.LocationId;

/**
 * What the fulfilment API answers: ids as plain strings.
 */
final class Views {

	private Views() {
	}

	record AssignmentView(int lineNo, String sku, int quantity, String locationId) {

		static AssignmentView of(Assignment a) {
			return new AssignmentView(a.lineNo(), a.sku().value(), a.quantity(), a.locationId().value());
		}

	}

	record DecisionView(FulfilmentMethod method, List<AssignmentView> assignments, int parcels, long shippingCost,
			long score, String currency, Explanation explanation) {

		static DecisionView of(Decision d) {
			return new DecisionView(d.method(), d.assignments().stream().map(AssignmentView::of).toList(), d.parcels(),
					d.shippingCost(), d.score(), d.currency(), d.explanation());
		}

	}

	record AllocationView(String id, int lineNo, String sku, int quantity, String locationId, Allocation.Status status,
			@Nullable String reason) {

		static AllocationView of(Allocation a) {
			return new AllocationView(a.id(), a.lineNo(), a.sku().value(), a.quantity(), a.locationId().value(),
					a.status(), a.reason());
		}

	}

	record RerouteView(String id, int lineNo, String sku, int quantity, String from, List<String> to,
			RejectionReason reason, @Nullable String note, Explanation explanation, String actor, Instant occurredAt) {

		static RerouteView of(Reroute r) {
			return new RerouteView(r.id(), r.lineNo(), r.sku().value(), r.quantity(), r.from().value(),
					r.to().stream().map(LocationId::value).toList(), r.reason(), r.note(), r.explanation(), r.actor(),
					r.occurredAt());
		}

	}

	record FulfilmentView(String id, String channelId, String reference, @Nullable String customer,
			FulfilmentMethod method, @Nullable Double destinationLatitude, @Nullable Double destinationLongitude,
			@Nullable String pickupLocationId, String reservationId, List<AllocationView> allocations,
			Explanation explanation, List<RerouteView> reroutes, Instant createdAt) {

		static FulfilmentView of(Fulfilment f) {
			return new FulfilmentView(f.id().value(), f.channelId().value(), f.reference(), f.customer(), f.method(),
					f.destination() == null ? null : f.destination().latitude(),
					f.destination() == null ? null : f.destination().longitude(),
					f.pickupLocationId() == null ? null : f.pickupLocationId().value(), f.reservationId().value(),
					f.allocations().stream().map(AllocationView::of).toList(), f.explanation(),
					f.reroutes().stream().map(RerouteView::of).toList(), f.createdAt());
		}

	}

	record LocationSettingsView(String locationId, boolean active, @Nullable Integer dailyOrders,
			@Nullable Integer dailyLines) {

		static LocationSettingsView of(LocationSettings s) {
			return new LocationSettingsView(s.locationId().value(), s.active(), s.dailyOrders(), s.dailyLines());
		}

	}

}
