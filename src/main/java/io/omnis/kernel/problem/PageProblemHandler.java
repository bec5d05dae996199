package io.omnis.kernel.problem;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Shows a refused console action as the error page with the problem's status and
 * explanation. (API controllers are answered first by {@link ProblemHandler}.)
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblemHandler {

	@ExceptionHandler(ProblemException.class)
	ModelAndView problem(ProblemException ex) {
		HttpStatus status = ex.type().status();
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		page.addObject("reason", status.getReasonPhrase());
		page.addObject("message", ex.getMessage());
		return page;
	}

}
