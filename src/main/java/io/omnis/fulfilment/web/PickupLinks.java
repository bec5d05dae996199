package io.omnis.fulfilment.web;

import org.jspecify.annotations.Nullable;

import io.nayuki.qrcodegen.QrCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.omnis.fulfilment.Pickup;
import io.omnis.fulfilment.Pickups;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.ProblemException;

/**
 * The customer's pickup page, opened from her message without an account: her code as
 * text and QR code, her store, and for curbside "I have arrived" with her parking spot.
 */
@Controller
@RequestMapping("/pickup/{token}")
class PickupLinks {

	private final Pickups pickups;

	private final Locations locations;

	PickupLinks(Pickups pickups, Locations locations) {
		this.pickups = pickups;
		this.locations = locations;
	}

	@GetMapping
	String page(@PathVariable String token, Model model, jakarta.servlet.http.HttpServletResponse response) {
		return show(token, model, response);
	}

	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	String arrive(@PathVariable String token, @RequestParam(required = false) @Nullable String parkingSpot, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		try {
			pickups.arrive(token, parkingSpot);
			model.addAttribute("arrivedNow", true);
		}
		catch (ProblemException ex) {
			response.setStatus(ex.type().status().value());
			model.addAttribute("error", ex.getMessage());
			if (ex.type().status() == HttpStatus.NOT_FOUND || ex.type().status() == HttpStatus.GONE) {
				model.addAttribute("token", token);
				return "fulfilment/pickup";
			}
		}
		return show(token, model, response);
	}

	private String show(String token, Model model, jakarta.servlet.http.@Nullable HttpServletResponse response) {
		model.addAttribute("token", token);
		try {
			Pickups.Linked linked = pickups.linked(token);
			Pickup pickup = linked.pickup();
			model.addAttribute("pickup", pickup);
			model.addAttribute("code", linked.code());
			model.addAttribute("codeActive", "ACTIVE".equals(linked.codeStatus()));
			model.addAttribute("store", locations.find(pickup.locationId()).orElse(null));
		}
		catch (ProblemException ex) {
			if (response != null) {
				response.setStatus(ex.type().status().value());
			}
			model.addAttribute("error", ex.getMessage());
		}
		return "fulfilment/pickup";
	}

	/** The code as a QR code in SVG, for the counter's scanner. */
	static String svg(String text) {
		QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
		int border = 4;
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < qr.size; y++) {
			for (int x = 0; x < qr.size; x++) {
				if (qr.getModule(x, y)) {
					path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
				}
			}
		}
		int size = qr.size + border * 2;
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
				+ "\" stroke=\"none\"><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><path d=\"" + path
				+ "\" fill=\"#000000\"/></svg>\n";
	}

}
