package io.omnis.conversation.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the files of SMS, WhatsApp, Messenger and Instagram messages are fetched
 * ({@code omnis.conversation.attachments.download.*}); their size and types are those of
 * {@code omnis.conversation.attachments}.
 *
 * @param timeout the longest a whole download may take, redirects included
 * @param attempts how often a download that timed out or met a server error is tried
 * @param interval how often each node looks for files to fetch
 * @param allowPrivateAddresses whether links to loopback, private, link-local and other
 * internal addresses are followed: only for a test's fake provider on 127.0.0.1
 */
@ConfigurationProperties("omnis.conversation.attachments.download")
public record MediaDownloadProperties(@DefaultValue("10s") Duration timeout, @DefaultValue("3") int attempts,
		@DefaultValue("2s") Duration interval, @DefaultValue("false") boolean allowPrivateAddresses) {
}
