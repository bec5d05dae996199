package io.omnis.kernel.problem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details, and writes them where no controller is involved (filters,
 * security).
 */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	public static ProblemDetail of(ProblemType type, String detail) {
		return of(type, detail, List.of());
	}

	public static ProblemDetail of(ProblemType type, String detail, List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		problem.setType(type.uri());
		problem.setTitle(type.title());
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	/** The problem detail of a refusal, with its fields and its properties. */
	public static ProblemDetail of(ProblemException refused) {
		ProblemDetail problem = of(refused.type(),
				java.util.Objects.requireNonNullElse(refused.getMessage(), refused.type().title()), refused.errors());
		refused.properties().forEach(problem::setProperty);
		return problem;
	}

	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		JSON.writeValue(response.getOutputStream(), body);
	}

}
