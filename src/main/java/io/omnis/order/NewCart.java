package io.omnis.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.order.Carts.CustomerIds;

/**
 * A cart to start: its currency, the country where tax is due, its customer and the lines
 * to start it with (none when {@code null}).
 */
public record NewCart(@Nullable String currency, @Nullable String country, CustomerIds customer,
		@Nullable List<@Nullable NewCartLine> lines) {

	public NewCart(@Nullable String currency, @Nullable String country, CustomerIds customer) {
		this(currency, country, customer, null);
	}

}
