package io.omnis.kernel.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The claimed idempotency keys and the first answer given for each.
 * <p>
 * Neither the key nor the answer is stored in the clear: rows are found by a hash of
 * caller and key, and the answer (which may hold a secret shown only once) is encrypted
 * with a key derived from the idempotency key itself, which only the client holds.
 */
@Component
class IdempotencyKeys {

	static final Duration RETENTION = Duration.ofHours(24);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the key for the current transaction; waits while another transaction holds
	 * the same claim.
	 * @return whether this request is the first with the key
	 */
	boolean claim(Scope scope, String fingerprint) {
		return jdbc.sql("""
				insert into idempotency_key (key_hash, fingerprint, created_at)
				values (:hash, :fingerprint, now())
				on conflict (key_hash) do nothing""")
			.param("hash", scope.lookupHash())
			.param("fingerprint", fingerprint)
			.update() == 1;
	}

	void complete(Scope scope, int status, @Nullable String contentType, @Nullable String location, byte[] body) {
		jdbc.sql("""
				update idempotency_key
				   set status = :status, content_type = :contentType, location = :location, body = :body
				 where key_hash = :hash""")
			.param("status", status)
			.param("contentType", contentType)
			.param("location", location)
			.param("body", scope.encrypt(body))
			.param("hash", scope.lookupHash())
			.update();
	}

	Optional<StoredResponse> find(Scope scope) {
		return jdbc.sql("""
				select fingerprint, status, content_type, location, body
				  from idempotency_key where key_hash = :hash and status is not null""")
			.param("hash", scope.lookupHash())
			.query((rs, row) -> new StoredResponse(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
					scope.decrypt(rs.getBytes(5))))
			.optional();
	}

	@Scheduled(fixedDelay = 15, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
	void forgetExpired() {
		jdbc.sql("delete from idempotency_key where created_at < now() - make_interval(secs => :seconds)")
			.param("seconds", RETENTION.toSeconds())
			.update();
	}

	static String fingerprint(String method, String path, @Nullable String query, byte[] body) {
		MessageDigest digest = sha256();
		digest
			.update((method + " " + path + "?" + (query == null ? "" : query) + "\n").getBytes(StandardCharsets.UTF_8));
		digest.update(body);
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An idempotency key as used by one caller: the same key from two callers is two
	 * different keys.
	 */
	record Scope(String caller, String key) {

		String lookupHash() {
			return HexFormat.of()
				.formatHex(sha256().digest(("lookup\n" + caller + "\n" + key).getBytes(StandardCharsets.UTF_8)));
		}

		private SecretKeySpec secret() {
			return new SecretKeySpec(sha256().digest(("seal\n" + caller + "\n" + key).getBytes(StandardCharsets.UTF_8)),
					"AES");
		}

		byte[] encrypt(byte[] plain) {
			try {
				byte[] nonce = new byte[12];
				RANDOM.nextBytes(nonce);
				Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
				cipher.init(Cipher.ENCRYPT_MODE, secret(), new GCMParameterSpec(128, nonce));
				byte[] sealed = cipher.doFinal(plain);
				byte[] out = new byte[nonce.length + sealed.length];
				System.arraycopy(nonce, 0, out, 0, nonce.length);
				System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
				return out;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		byte[] decrypt(byte[] stored) {
			try {
				Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
				cipher.init(Cipher.DECRYPT_MODE, secret(), new GCMParameterSpec(128, stored, 0, 12));
				return cipher.doFinal(stored, 12, stored.length - 12);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * The first answer to a request with a given key.
	 */
	record StoredResponse(String fingerprint, int status, @Nullable String contentType, @Nullable String location,
			byte[] body) {
	}

}
