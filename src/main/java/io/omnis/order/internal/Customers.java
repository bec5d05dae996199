package io.omnis.order.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.problem.ProblemException;

/**
 * Who a cart or an order belongs to: the identifiers given, and, when one of them is
 * known, the profile with every identifier it has gathered (so an anonymous id that later
 * merged into her profile still finds her cart and her orders).
 */
@Component
public class Customers {

	private static final String PROFILE_PREFIX = "cus_";

	private final Profiles profiles;

	Customers(Profiles profiles) {
		this.profiles = profiles;
	}

	/**
	 * The customer a reference names: a profile id ({@code cus_…}) or an identifier
	 * ({@code email:ana@example.com}).
	 */
	public Customer of(String reference, String field) {
		if (reference.startsWith(PROFILE_PREFIX)) {
			return resolve(List.of(), reference, field);
		}
		Identifier identifier = Identifier.parse(reference)
			.orElseThrow(() -> ProblemException.invalidField(field,
					"must be a profile id (cus_…) or an identifier such as email:ana@example.com"));
		return resolve(List.of(identifier), null, field);
	}

	/** The customer known by these identifiers, or by this profile. */
	public Customer resolve(List<Identifier> identifiers, @Nullable String profileId, String profileField) {
		Optional<Profile> profile = Optional.empty();
		if (profileId != null) {
			profile = profiles.find(profileId);
			if (profile.isEmpty()) {
				throw ProblemException.invalidField(profileField, "is not a known profile");
			}
		}
		for (Identifier identifier : identifiers) {
			if (profile.isPresent()) {
				break;
			}
			profile = profiles.lookup(identifier);
		}
		Set<String> keys = new LinkedHashSet<>();
		identifiers.forEach(identifier -> keys.add(identifier.toString()));
		List<String> own = new ArrayList<>(keys);
		profile.ifPresent(p -> p.identifiers().forEach(known -> keys.add(known.type() + ":" + known.value())));
		return new Customer(profile.map(Profile::id).orElse(null), own, keys);
	}

	/**
	 * A customer: her profile when one is known, the identifiers given for her, and every
	 * identifier that is hers.
	 */
	public record Customer(@Nullable String profileId, List<String> given, Set<String> keys) {

		/** The profiles to look for: hers, if she has one. */
		public List<String> profiles() {
			return profileId == null ? List.of() : List.of(profileId);
		}

		/** Whether something made under these identifiers or this profile is hers. */
		public boolean owns(List<String> customerIds, @Nullable String ownerProfile) {
			return (profileId != null && profileId.equals(ownerProfile))
					|| customerIds.stream().anyMatch(keys::contains);
		}

	}

}
