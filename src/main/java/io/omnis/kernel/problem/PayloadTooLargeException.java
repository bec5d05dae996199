package io.omnis.kernel.problem;

import java.io.IOException;

/**
 * Raised while reading a request body that goes past the configured limit.
 */
public class PayloadTooLargeException extends IOException {

	public PayloadTooLargeException(long limit) {
		super("The request body is larger than the limit of " + limit + " bytes");
	}

}
