package io.omnis;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.IssuedKey;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Omnis running on a random port over its own embedded PostgreSQL, shared by every test
 * class that extends this one (so that Spring starts it, and its database, once).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "omnis.admin.password=" + RunningOmnis.ADMIN_PASSWORD)
public abstract class RunningOmnis {

	public static final String ADMIN_PASSWORD = "tests-only-admin-password";

	private static final Path DATA_DIR = Path.of("target", "test-postgres", "running-omnis-" + System.nanoTime());

	private static final AtomicLong NAMES = new AtomicLong();

	private static final Pattern SESSION_COOKIE = Pattern.compile("OMNIS_SESSION=[^;]+");

	private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	@LocalServerPort
	protected int port;

	@Autowired
	protected Channels channels;

	@Autowired
	protected JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws IOException {
		forgetStoppedDatabases(DATA_DIR.getParent());
		registry.add("omnis.database.embedded.data-dir", DATA_DIR::toString);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", TestMail::smtpPort);
		registry.add("omnis.conversation.email.from", () -> TestMail.SUPPORT);
		registry.add("omnis.conversation.email.domain", () -> TestMail.DOMAIN);
		registry.add("omnis.conversation.email.imap.host", () -> "127.0.0.1");
		registry.add("omnis.conversation.email.imap.port", TestMail::imapPort);
		registry.add("omnis.conversation.email.imap.ssl", () -> "false");
		registry.add("omnis.conversation.email.imap.username", () -> TestMail.SUPPORT);
		registry.add("omnis.conversation.email.imap.password", () -> TestMail.SUPPORT_PASSWORD);
		// GreenMail offers IMAP IDLE: mail must arrive through it, not by looking again
		registry.add("omnis.conversation.email.imap.poll-interval", () -> "60s");
		// The fake messaging providers serve media from 127.0.0.1
		registry.add("omnis.conversation.attachments.download.allow-private-addresses", () -> "true");
		registry.add("omnis.conversation.attachments.download.timeout", () -> "3s");
	}

	/** Deletes the databases of earlier runs, once their PostgreSQL has stopped. */
	public static void forgetStoppedDatabases(Path parent) throws IOException {
		if (!Files.isDirectory(parent)) {
			return;
		}
		try (Stream<Path> dirs = Files.list(parent)) {
			for (Path dir : dirs.filter(dir -> !Files.exists(dir.resolve("postmaster.pid"))).toList()) {
				FileSystemUtils.deleteRecursively(dir);
			}
		}
	}

	protected URI base() {
		return URI.create("http://127.0.0.1:" + port);
	}

	/** A name no other test uses, so that tests never collide on unique names. */
	protected static String unique(String name) {
		return name + " " + NAMES.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
	}

	protected Caller anonymous() {
		return new Caller(base(), request -> request);
	}

	protected Caller bearer(String secret) {
		return new Caller(base(), request -> request.header("Authorization", "Bearer " + secret));
	}

	/**
	 * A caller with a secret key of a new channel, holding the given scopes.
	 */
	protected Caller withScopes(Permission... scopes) {
		Set<Permission> granted = scopes.length == 0 ? Set.of() : EnumSet.of(scopes[0], scopes);
		Channels.Created created = channels.create(ChannelType.WEB, unique("Caller"), null, granted);
		return bearer(secretOf(created));
	}

	/** A caller that may read and manage channels. */
	protected Caller manager() {
		return withScopes(Permission.CHANNELS_READ, Permission.CHANNELS_MANAGE);
	}

	protected static String secretOf(Channels.Created created) {
		return keyOf(created, KeyKind.SECRET);
	}

	/**
	 * The public write key of a channel just created, for event collection and the chat
	 * widget.
	 */
	protected static String writeKeyOf(Channels.Created created) {
		return keyOf(created, KeyKind.WRITE);
	}

	private static String keyOf(Channels.Created created, KeyKind kind) {
		return created.keys()
			.stream()
			.filter(issued -> issued.key().kind() == kind)
			.map(IssuedKey::secret)
			.findFirst()
			.orElseThrow();
	}

	protected long channelCount() {
		return jdbc.sql("select count(*) from channel").query(Long.class).single();
	}

	/**
	 * Signs in to the console as a browser would, and returns the session with the CSRF
	 * token its pages carry.
	 */
	protected ConsoleSession signIn(String username, String password) {
		Answer loginPage = anonymous().get("/login");
		assertThat(loginPage.status()).isEqualTo(200);
		String cookie = sessionCookie(loginPage);
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + find(FORM_CSRF, loginPage.text());
		Answer signedIn = anonymous().send("POST", "/login", BodyPublishers.ofString(form), "Content-Type",
				"application/x-www-form-urlencoded", "Cookie", cookie);
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.header("Location")).endsWith("/console");
		cookie = sessionCookie(signedIn);
		Answer home = anonymous().get("/console", "Cookie", cookie);
		assertThat(home.status()).isEqualTo(200);
		return new ConsoleSession(cookie, find(META_CSRF, home.text()));
	}

	/** A caller using a console session, with its CSRF token. */
	protected Caller console(ConsoleSession session) {
		return new Caller(base(),
				request -> request.header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrfToken()));
	}

	/** A caller using a console session but not sending its CSRF token. */
	protected Caller consoleWithoutCsrf(ConsoleSession session) {
		return new Caller(base(), request -> request.header("Cookie", session.cookie()));
	}

	private static String sessionCookie(Answer answer) {
		return answer.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(SESSION_COOKIE::matcher)
			.filter(Matcher::find)
			.map(Matcher::group)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No session cookie in " + answer.headers()));
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
		return matcher.group(1);
	}

	/** A signed-in console session: its cookie and its CSRF token. */
	public record ConsoleSession(String cookie, String csrfToken) {
	}

}
