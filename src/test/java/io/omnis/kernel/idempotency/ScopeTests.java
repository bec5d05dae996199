package io.omnis.kernel.idempotency;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.omnis.kernel.idempotency.IdempotencyKeys.Scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ScopeTests {

	private static final byte[] ANSWER = "{\"secret\":\"sk_live_shown_once\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void aStoredAnswerDecryptsWithTheKeyItWasStoredUnder() {
		Scope scope = new Scope("key:key_01", "order-42");

		byte[] sealed = scope.encrypt(ANSWER);

		assertThat(new Scope("key:key_01", "order-42").decrypt(sealed)).isEqualTo(ANSWER);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("sk_live_shown_once");
	}

	@Test
	void anEmptyAnswerSurvivesTheRoundTrip() {
		Scope scope = new Scope("user:admin", "k");

		assertThat(scope.decrypt(scope.encrypt(new byte[0]))).isEmpty();
	}

	@Test
	void encryptingTheSameAnswerTwiceGivesDifferentBytes() {
		Scope scope = new Scope("key:key_01", "order-42");

		assertThat(scope.encrypt(ANSWER)).isNotEqualTo(scope.encrypt(ANSWER));
	}

	@Test
	void anotherIdempotencyKeyCannotDecryptTheAnswer() {
		byte[] sealed = new Scope("key:key_01", "order-42").encrypt(ANSWER);

		assertThatIllegalStateException().isThrownBy(() -> new Scope("key:key_01", "order-43").decrypt(sealed));
	}

	@Test
	void anotherCallerWithTheSameIdempotencyKeyCannotDecryptTheAnswer() {
		byte[] sealed = new Scope("key:key_01", "order-42").encrypt(ANSWER);

		assertThatIllegalStateException().isThrownBy(() -> new Scope("key:key_02", "order-42").decrypt(sealed));
	}

	@Test
	void aTamperedAnswerIsRefused() {
		Scope scope = new Scope("key:key_01", "order-42");
		byte[] sealed = scope.encrypt(ANSWER);
		sealed[sealed.length - 1] ^= 1;

		assertThatIllegalStateException().isThrownBy(() -> scope.decrypt(sealed));
	}

	@Test
	void theSameKeyOfTwoCallersIsFoundUnderTwoDifferentHashes() {
		assertThat(new Scope("key:key_01", "order-42").lookupHash())
			.isEqualTo(new Scope("key:key_01", "order-42").lookupHash())
			.isNotEqualTo(new Scope("key:key_02", "order-42").lookupHash())
			.isNotEqualTo(new Scope("key:key_01", "order-43").lookupHash());
	}

}
