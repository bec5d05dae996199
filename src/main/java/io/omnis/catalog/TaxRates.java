package io.omnis.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.Fields;
import io.omnis.catalog.internal.PriceStore;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * The tax rates per country, region and tax category that price queries split prices
 * with.
 */
@Service
@Transactional
public class TaxRates {

	private static final Pattern REGION = Pattern.compile("[A-Z0-9]{1,3}(-[A-Z0-9]{1,3})?");

	private final PriceStore store;

	TaxRates(PriceStore store) {
		this.store = store;
	}

	public TaxRate put(@Nullable String country, @Nullable String region, @Nullable String category,
			@Nullable BigDecimal rate) {
		Fields.required(rate, "rate");
		if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0 || rate.stripTrailingZeros().scale() > 6) {
			throw ProblemException.invalidField("rate",
					"must be a fraction between 0 and 1 with at most 6 decimals, " + "such as 0.23 for 23 %");
		}
		TaxRate checked = new TaxRate(Fields.country(country, "country"), region(region),
				Fields.taxCategory(Fields.required(category, "category"), "category"), rate);
		store.putRate(checked);
		return checked;
	}

	public void remove(@Nullable String country, @Nullable String region, @Nullable String category) {
		if (!store.removeRate(Fields.country(country, "country"), region(region),
				Fields.taxCategory(Fields.required(category, "category"), "category"))) {
			throw new NotFoundException("No tax rate for that country, region and category");
		}
	}

	@Transactional(readOnly = true)
	public Page<TaxRate> page(@Nullable String country, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		List<TaxRate> rates = store.rates(country == null ? null : Fields.country(country, "country"),
				Cursor.decode(cursor), size + 1);
		return Page.of(rates, size,
				rate -> rate.country() + "|" + (rate.region() == null ? "" : rate.region()) + "|" + rate.category());
	}

	static @Nullable String region(@Nullable String region) {
		if (region == null || region.isBlank()) {
			return null;
		}
		String code = region.strip().toUpperCase(Locale.ROOT);
		if (!REGION.matcher(code).matches()) {
			throw ProblemException.invalidField("region", "must be a region code such as '20' or 'PT-20'");
		}
		return code;
	}

}
