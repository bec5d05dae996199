package io.omnis.conversation.chat;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the public chat endpoints may be called
 * ({@code omnis.conversation.chat.rate-limit.*}), per visitor (channel and anonymous id,
 * which her visitor token stands for) and per client address, as token buckets: a burst,
 * then one call more per refill time.
 *
 * @param maxTracked the most visitors, and the most addresses, each node keeps count of
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose
 * {@code X-Forwarded-For} names the client; a request from one of them without that
 * header (a process on the host itself) is not limited by address
 * @param shared whether the limits hold across nodes, decided in PostgreSQL (each node's
 * own count then only refuses early what the shared count would refuse too); without it
 * each node counts alone and N nodes allow N times the limits (ADR 0017)
 */
@ConfigurationProperties("omnis.conversation.chat.rate-limit")
public record ChatLimitProperties(@DefaultValue("20") int visitorBurst, @DefaultValue("3s") Duration visitorRefill,
		@DefaultValue("600") int addressBurst, @DefaultValue("50ms") Duration addressRefill,
		@DefaultValue("100000") int maxTracked, @DefaultValue( {
				"127.0.0.0/8", "::1/128" }) List<String> trustedProxies,
		@DefaultValue("true") boolean shared){
}
