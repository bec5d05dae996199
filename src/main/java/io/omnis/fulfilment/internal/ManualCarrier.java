package io.omnis.fulfilment.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.fulfilment.Carrier;
import io.omnis.fulfilment.Parcel;
import io.omnis.kernel.problem.ProblemException;

/**
 * The built-in carrier for parcels handed to any carrier Omnis does not talk to: the
 * associate types the tracking number and the tracking link printed on the label. The
 * link is shown to customers, so only an absolute http or https address is taken.
 */
@Component
class ManualCarrier implements Carrier {

	static final int MAX_URL = 2000;

	private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/-]{0,63}");

	@Override
	public String name() {
		return "manual";
	}

	@Override
	public Shipment ship(Parcel parcel, Map<String, String> details) {
		String number = details.get("trackingNumber");
		if (number == null || !NUMBER.matcher(number.strip()).matches()) {
			throw ProblemException.invalidField("trackingNumber",
					"must be 1 to 64 letters, digits, spaces, '.', '_', '/' or '-'");
		}
		return new Shipment(number.strip(), link(details.get("trackingUrl")));
	}

	/** The link when it is an absolute http(s) address without credentials. */
	static String link(@Nullable String url) {
		if (url == null || url.isBlank() || url.length() > MAX_URL) {
			throw ProblemException.invalidField("trackingUrl",
					"is required: an http or https address up to " + MAX_URL + " characters");
		}
		String stripped = url.strip();
		if (stripped.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
			throw ProblemException.invalidField("trackingUrl", "must not hold spaces or control characters");
		}
		URI uri;
		try {
			uri = new URI(stripped);
		}
		catch (URISyntaxException ex) {
			throw ProblemException.invalidField("trackingUrl", "is not a valid address");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw ProblemException.invalidField("trackingUrl", "must be an http or https address");
		}
		if (uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) {
			throw ProblemException.invalidField("trackingUrl", "must name a host (and no user or password)");
		}
		return stripped;
	}

}
