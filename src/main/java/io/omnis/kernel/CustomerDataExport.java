package io.omnis.kernel;

/**
 * What a module holds of a customer, for the copy of her data she may ask for (an access
 * request): her orders, her conversations with every message, her returns. The customer
 * module puts each module's section beside her profile and events without knowing the
 * modules.
 */
public interface CustomerDataExport {

	/** The section's name in the copy, such as "orders". */
	String section();

	/**
	 * Everything the module holds of her, as values the API writes as JSON (records,
	 * lists, maps).
	 */
	Object export(CustomerPanel.Customer customer);

}
