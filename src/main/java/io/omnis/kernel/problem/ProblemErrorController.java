package io.omnis.kernel.problem;

import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The last stop of errors that no controller handled (a malformed URL, a failing filter,
 * a console page that threw): a problem detail for API clients, the error page for
 * browsers.
 */
@Controller
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
	String page(HttpServletRequest request, Model model) {
		HttpStatus status = status(request);
		model.addAttribute("status", status.value());
		model.addAttribute("reason", status.getReasonPhrase());
		model.addAttribute("message", message(request, status));
		return "error";
	}

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
		HttpStatus status = status(request);
		ProblemType type = ProblemType.forStatus(status, ProblemType.MALFORMED_BODY);
		ProblemDetail problem = Problems.of(type, message(request, status), List.of());
		problem.setStatus(status.value());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
		return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
	}

	private static String message(HttpServletRequest request, HttpStatus status) {
		Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (error instanceof ProblemException problem && problem.getMessage() != null) {
			return problem.getMessage();
		}
		return switch (status) {
			case NOT_FOUND -> "There is nothing at this address";
			case FORBIDDEN -> "You are not allowed to do this";
			case UNSUPPORTED_MEDIA_TYPE -> "Content type '" + request.getContentType() + "' is not supported; send "
					+ MediaType.APPLICATION_JSON_VALUE;
			case INTERNAL_SERVER_ERROR -> "Omnis could not complete the request; the failure has been logged";
			default -> status.getReasonPhrase();
		};
	}

}
