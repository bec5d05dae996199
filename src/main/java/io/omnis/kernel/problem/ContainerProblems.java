package io.omnis.kernel.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Makes the few refusals Tomcat answers before a request reaches Omnis (a path with an
 * encoded NUL or an invalid escape, a malformed request line) problem details like every
 * other error, instead of Tomcat's HTML report naming its version.
 */
@Component
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			Container parent = context.getParent();
			if (parent instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
		});
	}

	/**
	 * Tomcat's last-resort error report, written as {@code application/problem+json}. It
	 * never shows the exception or the server's version.
	 */
	public static class ProblemReportValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			HttpStatus resolved = HttpStatus.resolve(status);
			ProblemType type = ProblemType.forStatus(resolved == null ? HttpStatus.INTERNAL_SERVER_ERROR : resolved,
					ProblemType.MALFORMED_REQUEST);
			String detail = status < 500
					? "The request was refused before it reached Omnis: it is not a valid "
							+ "HTTP request (for example, a path with an encoded NUL or an invalid %-escape)"
					: "The server could not handle the request";
			String json = "{\"type\":\"%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}".formatted(type.uri(),
					type.title(), status, detail);
			try {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(json);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client has gone, or the answer was already on its way: nothing to
				// add
			}
		}

	}

}
