package io.omnis;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.omnis.channel.Channels;
import io.omnis.customer.internal.IdentityResolver;
import io.omnis.tracking.Collection;

/**
 * A running Omnis of its own whose background resolution workers are off, so that a test
 * drives every resolution batch itself; shared by every class that extends this one (so
 * that Spring starts it, and its database, once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "omnis.database.embedded.data-dir=target/test-pg/resolver-off-${random.uuid}",
				"omnis.admin.password=resolver-off-tests-admin-password", "omnis.identity.resolver-enabled=false",
				"logging.level.io.zonky.test=WARN" })
public abstract class ResolverOffOmnis {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	protected Collection collection;

	@Autowired
	protected Channels channels;

	@Autowired
	protected IdentityResolver resolver;

	/** Runs resolution batches until no event waits. */
	protected void resolveAll() {
		while (resolver.resolveBatch(0, 1, 500) > 0) {
			// until the queue is empty
		}
	}

}
