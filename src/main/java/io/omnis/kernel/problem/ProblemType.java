package io.omnis.kernel.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The stable problem types Omnis answers with, each a URI that clients may switch on.
 * <p>
 * The catalogue is in the README; a type never changes meaning once published.
 */
public enum ProblemType {

	MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),

	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),

	INVALID_FIELD("invalid-field", HttpStatus.BAD_REQUEST, "Invalid field"),

	INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter"),

	VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Validation failed"),

	UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),

	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),

	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),

	INSUFFICIENT_STOCK("insufficient-stock", HttpStatus.CONFLICT, "Insufficient stock"),

	PRICE_CHANGED("price-changed", HttpStatus.CONFLICT, "Prices changed"),

	CART_EXPIRED("cart-expired", HttpStatus.GONE, "Cart expired"),

	PAYMENT_DECLINED("payment-declined", HttpStatus.PAYMENT_REQUIRED, "Payment declined"),

	NOT_SELLABLE("not-sellable", HttpStatus.UNPROCESSABLE_CONTENT, "Not sellable"),

	EXCEEDS_PURCHASE("exceeds-purchase", HttpStatus.UNPROCESSABLE_CONTENT, "More than was bought"),

	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT,
			"Idempotency key reused with a different request"),

	IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid", HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key"),

	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request too large"),

	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	SLOT_CLOSED("slot-closed", HttpStatus.UNPROCESSABLE_CONTENT, "Delivery slot past its cut-off"),

	SLOT_FULL("slot-full", HttpStatus.CONFLICT, "Delivery slot full"),

	/** A well-formed code (a pickup code) that does not open what was asked. */
	INVALID_CODE("invalid-code", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid code"),

	/** A signed link (a pickup link) past its time. */
	LINK_EXPIRED("link-expired", HttpStatus.GONE, "Link expired"),

	INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private static final String BASE = "https://omnis.dev/problems/";

	private final String slug;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	/**
	 * The type of an error known only by its status (one no handler named): the type of
	 * that status where there is one, {@code otherClientError} for any other 4xx,
	 * {@link #INTERNAL} for the rest.
	 */
	public static ProblemType forStatus(HttpStatus status, ProblemType otherClientError) {
		return switch (status) {
			case NOT_FOUND -> NOT_FOUND;
			case FORBIDDEN -> FORBIDDEN;
			case UNAUTHORIZED -> UNAUTHENTICATED;
			case CONTENT_TOO_LARGE -> PAYLOAD_TOO_LARGE;
			case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
			case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
			case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
			default -> status.is4xxClientError() ? otherClientError : INTERNAL;
		};
	}

	public URI uri() {
		return URI.create(BASE + slug);
	}

	public HttpStatus status() {
		return status;
	}

	public String title() {
		return title;
	}

}
