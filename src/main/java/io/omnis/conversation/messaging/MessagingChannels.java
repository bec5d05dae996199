package io.omnis.conversation.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The messaging_channel table: each messaging channel's provider and credentials. */
@Repository
class MessagingChannels {

	private final JdbcClient jdbc;

	private final Clock clock;

	MessagingChannels(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<MessagingSettings> find(String channelId) {
		if (channelId.length() > 60) {
			return Optional.empty();
		}
		return jdbc.sql("select * from messaging_channel where channel_id = :id")
			.param("id", channelId)
			.query((rs, row) -> new MessagingSettings(rs.getString("channel_id"),
					Provider.valueOf(rs.getString("provider")), rs.getString("base_url"), rs.getString("account_sid"),
					rs.getString("auth_token"), rs.getString("from_address"), rs.getBoolean("whatsapp_identifier"),
					rs.getString("app_secret"), rs.getString("verify_token"), rs.getString("page_token")))
			.optional();
	}

	void save(MessagingSettings s) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into messaging_channel (channel_id, provider, base_url, account_sid, auth_token, from_address,
				       whatsapp_identifier, app_secret, verify_token, page_token, created_at, updated_at)
				values (:channel, :provider, :baseUrl, :accountSid, :authToken, :from, :whatsapp, :appSecret,
				        :verifyToken, :pageToken, :now, :now)
				on conflict (channel_id) do update set provider = excluded.provider, base_url = excluded.base_url,
				       account_sid = excluded.account_sid, auth_token = excluded.auth_token,
				       from_address = excluded.from_address, whatsapp_identifier = excluded.whatsapp_identifier,
				       app_secret = excluded.app_secret, verify_token = excluded.verify_token,
				       page_token = excluded.page_token, updated_at = excluded.updated_at""")
			.param("channel", s.channelId())
			.param("provider", s.provider().name())
			.param("baseUrl", s.baseUrl())
			.param("accountSid", s.accountSid())
			.param("authToken", s.authToken())
			.param("from", s.fromAddress())
			.param("whatsapp", s.whatsappIdentifier())
			.param("appSecret", s.appSecret())
			.param("verifyToken", s.verifyToken())
			.param("pageToken", s.pageToken())
			.param("now", now)
			.update();
	}

}
