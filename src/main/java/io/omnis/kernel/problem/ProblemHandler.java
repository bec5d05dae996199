package io.omnis.kernel.problem;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an API call into an RFC 9457 problem detail with a stable type
 * and the offending fields, so that no input produces an unexplained error.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private static final Pattern PARAMETER_NAME = Pattern.compile("Parameter \\[([^\\]]{1,64})\\]");

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		ProblemDetail problem = Problems.of(ex.type(), Objects.requireNonNullElse(ex.getMessage(), ex.type().title()),
				ex.errors());
		ex.properties().forEach(problem::setProperty);
		return respond(problem);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		String message = "has an invalid value '" + abbreviate(String.valueOf(ex.getValue())) + "'";
		return respond(Problems.of(ProblemType.INVALID_PARAMETER, "Parameter '" + ex.getName() + "' " + message,
				List.of(new FieldError(ex.getName(), message))));
	}

	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException ex) {
		// Tomcat refuses a query string that is not percent-encoded UTF-8 when it is
		// first
		// read, and names the parameter only in its message
		Matcher name = PARAMETER_NAME.matcher(String.valueOf(ex.getMessage()));
		String field = name.find() ? name.group(1) : "query";
		return respond(Problems.of(ProblemType.INVALID_PARAMETER, "Parameter '" + field + "' is not valid UTF-8",
				List.of(new FieldError(field, "is not valid percent-encoded UTF-8"))));
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
	ResponseEntity<ProblemDetail> accessDenied(Exception ex) {
		return respond(Problems.of(ProblemType.FORBIDDEN, "You are not allowed to do this"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		return respond(
				Problems.of(ProblemType.INTERNAL, "Omnis could not complete the request; the failure has been logged"));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(unreadable(ex)));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldError(error.getField(),
					Objects.requireNonNullElse(error.getDefaultMessage(), "is invalid")))
			.toList();
		return cast(respond(Problems.of(ProblemType.VALIDATION_FAILED, summary(errors), errors)));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> new FieldError(
						Objects.requireNonNullElse(result.getMethodParameter().getParameterName(), "parameter"),
						Objects.requireNonNullElse(error.getDefaultMessage(), "is invalid"))))
			.toList();
		return cast(respond(Problems.of(ProblemType.VALIDATION_FAILED, summary(errors), errors)));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(
				Problems.of(ProblemType.INVALID_PARAMETER, "Parameter '" + ex.getParameterName() + "' is required",
						List.of(new FieldError(ex.getParameterName(), "is required")))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ResponseEntity<ProblemDetail> response = respond(
				Problems.of(ProblemType.METHOD_NOT_ALLOWED, "Method " + ex.getMethod() + " is not supported here"));
		return cast(ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody()));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
				"Content type " + ex.getContentType() + " is not supported; send application/json")));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(Problems.of(ProblemType.NOT_ACCEPTABLE, "This resource is only available as JSON")));
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return cast(respond(Problems.of(ProblemType.NOT_FOUND, "No resource at /" + ex.getResourcePath())));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		// Every other framework-level failure (missing header, ...) keeps its status with
		// our shape
		ProblemType type = statusCode.value() == 404 ? ProblemType.NOT_FOUND
				: statusCode.is4xxClientError() ? ProblemType.INVALID_PARAMETER : ProblemType.INTERNAL;
		String detail = ex instanceof MissingRequestHeaderException missing
				? "Header '" + missing.getHeaderName() + "' is required"
				: statusCode.is4xxClientError() ? abbreviate(ex.getMessage()) : type.title();
		ProblemDetail problem = Problems.of(type, detail);
		problem.setStatus(statusCode.value());
		return ResponseEntity.status(statusCode).headers(headers).body(problem);
	}

	static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof PayloadTooLargeException tooLarge) {
			return Problems.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
		}
		// A value Jackson could not convert (an instant that does not parse) has the
		// JDK's exception as its cause: the Jackson exception around it knows the field
		for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
			if (t instanceof JacksonException) {
				cause = t;
				break;
			}
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			String field = path(unknown);
			return invalid(field, "is not a known field");
		}
		if (cause instanceof InvalidNullException nullValue) {
			return invalid(path(nullValue), "must not be null");
		}
		if (cause instanceof InvalidFormatException format) {
			// A number for a string, a string for a number, a name no enum constant has;
			// for other types (dates, ...) the value itself is malformed
			Class<?> target = format.getTargetType();
			boolean wrongType = target != null && (target.isEnum() || target == String.class
					|| Number.class.isAssignableFrom(target) || target.isPrimitive());
			return invalid(path(format), wrongType ? "must be " + describe(target) : "has an invalid value");
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String expected = mismatch.getTargetType() == null ? "has the wrong type"
					: "must be " + describe(mismatch.getTargetType());
			return invalid(path(mismatch), expected);
		}
		if (cause instanceof InputCoercionException range && !range.getPath().isEmpty()) {
			return invalid(path(range), "is out of range");
		}
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			return invalid(path(databind), "is invalid");
		}
		String detail = cause instanceof JacksonException ? "The body is not valid JSON"
				: "The request body is missing or unreadable";
		return Problems.of(ProblemType.MALFORMED_BODY, detail);
	}

	private static ProblemDetail invalid(String field, String message) {
		return Problems.of(ProblemType.INVALID_FIELD, "Field '" + field + "' " + message,
				List.of(new FieldError(field, message)));
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : abbreviate(path.toString());
	}

	private static String describe(Class<?> type) {
		if (type == String.class) {
			return "a string";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		if (type.isEnum()) {
			return "one of " + List.of(type.getEnumConstants());
		}
		return "an object";
	}

	private static String summary(List<FieldError> errors) {
		return errors.isEmpty() ? "The request is invalid"
				: errors.stream()
					.map(e -> "'" + e.field() + "' " + e.message())
					.reduce((a, b) -> a + "; " + b)
					.orElseThrow();
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return text.length() <= 200 ? text : text.substring(0, 200) + "…";
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
		return (ResponseEntity) response;
	}

}
