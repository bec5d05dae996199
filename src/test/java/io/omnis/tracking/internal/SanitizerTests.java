package io.omnis.tracking.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class SanitizerTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void replacesNulAndLoneSurrogatesInKeysAndValuesAndKeepsValidPairs() {
		ObjectNode message = json.createObjectNode();
		message.put("na\u0000me", "a\u0000b");
		message.putObject("nested").put("emoji", "ok \uD83D\uDE00").put("lone", "x\uD800y\uDC00");
		message.putArray("list").add("\u0000").add(1);

		Sanitizer.clean(message);

		assertThat(message.get("na\uFFFDme").stringValue()).isEqualTo("a\uFFFDb");
		assertThat(message.get("nested").get("emoji").stringValue()).isEqualTo("ok \uD83D\uDE00");
		assertThat(message.get("nested").get("lone").stringValue()).isEqualTo("x\uFFFDy\uFFFD");
		assertThat(message.get("list").get(0).stringValue()).isEqualTo("\uFFFD");
		assertThat(json.writeValueAsString(message)).doesNotContain("\\u0000");
	}

	@Test
	void leavesCleanTextUntouched() {
		String clean = "Ana Silva <ana@example.com> 🙂";
		assertThat(Sanitizer.text(clean)).isSameAs(clean);
	}

}
