package io.omnis;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * One GreenMail SMTP and IMAP server for the whole test run, on free ports: Omnis sends
 * its answers there and polls the support mailbox there, and customers' mail clients use
 * it too.
 */
public final class TestMail {

	public static final String SUPPORT = "support@omnis.test";

	public static final String SUPPORT_PASSWORD = "support-mailbox-password";

	public static final String DOMAIN = "omnis.test";

	private static GreenMail server;

	private TestMail() {
	}

	public static synchronized GreenMail server() {
		if (server == null) {
			server = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
			server.start();
			server.setUser(SUPPORT, SUPPORT, SUPPORT_PASSWORD);
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		}
		return server;
	}

	public static int smtpPort() {
		return server().getSmtp().getPort();
	}

	public static int imapPort() {
		return server().getImap().getPort();
	}

}
