package io.omnis.kernel.problem;

/**
 * One offending field of a request: its path in the body or its parameter name, and what
 * is wrong.
 */
public record FieldError(String field, String message) {
}
