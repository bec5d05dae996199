package io.omnis.conversation.assistant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.knowledge.KnowledgeBase;

/**
 * The chat and messaging channels whose new conversations the assistant takes first, each
 * with the locale it answers in.
 */
@Service
@Transactional
public class AssistantChannels {

	/** Where customers chat or text; e-mail and the till are for people. */
	static final Set<ChannelType> CONVERSATIONAL = Set.of(ChannelType.WEB, ChannelType.MOBILE_APP, ChannelType.CHAT,
			ChannelType.SMS, ChannelType.SOCIAL);

	private final JdbcClient jdbc;

	private final Channels channels;

	private final Clock clock;

	AssistantChannels(JdbcClient jdbc, Channels channels, Clock clock) {
		this.jdbc = jdbc;
		this.channels = channels;
		this.clock = clock;
	}

	public record Enabled(String channelId, String locale, Instant enabledAt) {
	}

	public Enabled enable(String channelId, @Nullable String locale) {
		Channel channel = channels.get(channelId);
		if (!CONVERSATIONAL.contains(channel.type())) {
			throw ProblemException.invalidField("channelId",
					"must be a chat or messaging channel (WEB, MOBILE_APP, CHAT, SMS, SOCIAL), not " + channel.type());
		}
		String checked = locale == null ? "en" : locale;
		if (!KnowledgeBase.isLocale(checked)) {
			throw ProblemException.invalidField("locale", "must be a language code such as en or pt-BR");
		}
		jdbc.sql("""
				insert into assistant_channel (channel_id, locale, enabled_at) values (:id, :locale, :at)
				on conflict (channel_id) do update set locale = excluded.locale""")
			.param("id", channelId)
			.param("locale", checked)
			.param("at", Timestamp.from(clock.instant()))
			.update();
		return find(channelId).orElseThrow();
	}

	public void disable(String channelId) {
		channels.get(channelId);
		jdbc.sql("delete from assistant_channel where channel_id = :id").param("id", channelId).update();
	}

	@Transactional(readOnly = true)
	public List<Enabled> all() {
		return jdbc.sql("select * from assistant_channel order by channel_id limit 1000")
			.query((rs, row) -> new Enabled(rs.getString("channel_id"), rs.getString("locale"),
					rs.getTimestamp("enabled_at").toInstant()))
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Enabled> find(String channelId) {
		return jdbc.sql("select * from assistant_channel where channel_id = :id")
			.param("id", channelId)
			.query((rs, row) -> new Enabled(rs.getString("channel_id"), rs.getString("locale"),
					rs.getTimestamp("enabled_at").toInstant()))
			.optional();
	}

}
