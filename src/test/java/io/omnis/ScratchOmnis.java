package io.omnis;

import java.net.URI;
import java.util.EnumSet;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

/**
 * A running Omnis of its own, with its own database, for tests whose requests may change
 * settings every other test relies on (routing rules, tax rates, policies) at random;
 * shared by every class that extends this one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "omnis.database.embedded.data-dir=target/test-pg/scratch-${random.uuid}",
				"omnis.admin.password=scratch-tests-admin-password", "logging.level.io.zonky.test=WARN" })
public abstract class ScratchOmnis {

	@LocalServerPort
	protected int port;

	@Autowired
	protected Channels channels;

	@Autowired
	protected JdbcClient jdbc;

	/** A caller with the secret key of a new channel holding every permission. */
	protected Caller withEveryPermission() {
		Channels.Created created = channels.create(ChannelType.WEB, "Scratch " + System.nanoTime(), null,
				EnumSet.allOf(Permission.class));
		return new Caller(URI.create("http://127.0.0.1:" + port),
				request -> request.header("Authorization", "Bearer " + RunningOmnis.secretOf(created)));
	}

}
