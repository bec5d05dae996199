package io.omnis.inventory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The inventory API is in the generated OpenAPI document.
 */
class InventoryApiDocsTests extends InventoryTestSupport {

	@Autowired
	MockMvc mvc;

	@Test
	void everyInventoryPathIsDocumented() throws Exception {
		var docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
		for (String path : new String[] { "/api/v1/locations/{id}", "/api/v1/inventory/movements",
				"/api/v1/inventory/movements/batch", "/api/v1/inventory/stock", "/api/v1/inventory/ledger",
				"/api/v1/inventory/allocations", "/api/v1/reservations/{id}/adjust", "/api/v1/availability/cart",
				"/api/v1/availability/nearby" }) {
			docs.andExpect(content().string(containsString("\"" + path + "\"")));
		}
	}

}
