package io.omnis.conversation.quality;

import org.junit.jupiter.api.Test;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console pages of service quality render for a signed-in administrator, and the
 * public survey page refuses a forged link without a session.
 */
class ServicePagesTests extends RunningOmnis {

	@Test
	void theMeasuresAndSlaPagesRenderAndAForgedSurveyLinkIsRefused() {
		Caller console = console(signIn("admin", ADMIN_PASSWORD));
		Answer measures = console.get("/console/conversation-measures?from=2026-11-01&to=2026-12-01&channel=CHAT");
		assertThat(measures.status()).as(measures.text()).isEqualTo(200);
		assertThat(measures.text()).contains("Service quality", "data-chart=", "First-contact resolution",
				"chart.umd.js");
		assertThat(console.get("/console/conversation-measures?from=someday").status()).isEqualTo(400);
		Answer atRisk = console.get("/console/conversations/sla-at-risk");
		assertThat(atRisk.status()).as(atRisk.text()).isEqualTo(200);
		assertThat(atRisk.text()).contains("SLA at risk");
		assertThat(console.get("/console/conversations").text()).contains("/console/conversations/sla-at-risk");

		Answer forged = anonymous().get("/survey/srv_01jd4k7q8m3v5x6y7z8a9b0c1d.forged");
		assertThat(forged.status()).isEqualTo(200);
		assertThat(forged.text()).contains("This survey link is not valid.").doesNotContain("name=\"rating\"");
		assertThat(anonymous().get("/console/conversation-measures").status()).isEqualTo(302);
	}

}
