package io.omnis.fulfilment.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

import io.omnis.fulfilment.ParcelInput;

/**
 * The store tablet's split of a PACK task into parcels, as shown and as entered: a row
 * per SKU with the units still to pack, a column per parcel with the units of each SKU in
 * it and its weight. Entered values are kept as typed so that a refused split is shown
 * again unchanged; {@link io.omnis.fulfilment.Packing} decides whether it is right.
 *
 * @param skus the SKUs to pack, in row order
 * @param units the units of each SKU still to pack
 * @param quantities per parcel, the units of each SKU as typed
 * @param weights per parcel, its weight in grams as typed
 */
record Split(List<String> skus, List<Integer> units, List<List<String>> quantities, List<String> weights) {

	/** Every unit in the first parcel, the others empty: the associate moves units. */
	static Split allInFirst(Map<String, Integer> left, int parcels) {
		List<String> skus = List.copyOf(left.keySet());
		List<Integer> units = List.copyOf(left.values());
		List<List<String>> quantities = new ArrayList<>();
		for (int p = 0; p < parcels; p++) {
			quantities
				.add(p == 0 ? units.stream().map(String::valueOf).toList() : skus.stream().map(s -> "0").toList());
		}
		return new Split(skus, units, quantities, Collections.nCopies(parcels, ""));
	}

	/**
	 * The split as the form sent it, at most {@code max} parcels, beside what is still to
	 * pack as the server knows it.
	 */
	static Split read(MultiValueMap<String, String> form, Map<String, Integer> left, int max) {
		List<String> skus = form.getOrDefault("sku", List.of());
		List<Integer> units = skus.stream().map(sku -> left.getOrDefault(sku, 0)).toList();
		int parcels = Math.clamp(number(form.getFirst("parcels"), 1), 1, max);
		List<List<String>> quantities = new ArrayList<>();
		List<String> weights = new ArrayList<>();
		for (int p = 0; p < parcels; p++) {
			List<String> row = new ArrayList<>();
			for (int i = 0; i < skus.size(); i++) {
				row.add(text(form.getFirst("q-" + p + "-" + i)));
			}
			quantities.add(row);
			weights.add(text(form.getFirst("w-" + p)));
		}
		return new Split(List.copyOf(skus), units, quantities, weights);
	}

	public int parcels() {
		return weights.size();
	}

	/**
	 * One parcel input per column, with the SKUs given a quantity other than 0 or blank;
	 * a quantity that is not a number goes on as missing, so that packing names it.
	 */
	List<ParcelInput> inputs() {
		List<ParcelInput> inputs = new ArrayList<>();
		for (int p = 0; p < parcels(); p++) {
			List<ParcelInput.ItemInput> items = new ArrayList<>();
			for (int i = 0; i < skus.size(); i++) {
				String typed = quantities.get(p).get(i);
				if (typed.isEmpty() || typed.equals("0")) {
					continue;
				}
				items.add(new ParcelInput.ItemInput(skus.get(i), parse(typed)));
			}
			inputs.add(new ParcelInput(items, parse(weights.get(p)), null));
		}
		return inputs;
	}

	private static String text(@Nullable String value) {
		return value == null ? "" : value.strip();
	}

	private static int number(@Nullable String value, int otherwise) {
		Integer parsed = parse(text(value));
		return parsed == null ? otherwise : parsed;
	}

	private static @Nullable Integer parse(String value) {
		if (value.isEmpty() || value.length() > 9) {
			return null;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
