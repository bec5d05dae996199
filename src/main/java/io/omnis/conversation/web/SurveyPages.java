package io.omnis.conversation.web;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.omnis.conversation.quality.Surveys;
import io.omnis.kernel.problem.ProblemException;

/**
 * The page a survey link opens: five choices and a comment, then thanks.
 */
@Controller
class SurveyPages {

	private final Surveys surveys;

	SurveyPages(Surveys surveys) {
		this.surveys = surveys;
	}

	@GetMapping("/survey/{token}")
	String form(@PathVariable String token, Model model) {
		try {
			Surveys.Survey survey = surveys.byToken(token);
			model.addAttribute("answered", survey.answeredAt() != null);
		}
		catch (ProblemException ex) {
			model.addAttribute("error", "This survey link is not valid.");
		}
		model.addAttribute("token", token);
		return "conversation/survey";
	}

	@PostMapping("/survey/{token}")
	String answer(@PathVariable String token, @RequestParam(required = false) @Nullable Integer rating,
			@RequestParam(required = false) @Nullable String comment, Model model) {
		try {
			surveys.answer(token, rating, comment);
			model.addAttribute("thanks", true);
		}
		catch (ProblemException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		model.addAttribute("token", token);
		return "conversation/survey";
	}

}
