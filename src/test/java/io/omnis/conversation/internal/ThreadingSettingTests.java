package io.omnis.conversation.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.conversation.ConversationProperties;
import io.omnis.customer.Profiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisation decides whether a customer has one thread across every channel or one
 * per channel ({@code omnis.conversation.threading}).
 */
class ThreadingSettingTests extends RunningOmnis {

	@Autowired
	ConversationStore store;

	@Autowired
	MessageStore messageStore;

	@Autowired
	Senders senders;

	@Autowired
	Profiles profiles;

	@Autowired
	AttachmentRules attachmentRules;

	@Autowired
	AgentStore agents;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LiveUpdates live;

	@Test
	void perCustomerKeepsOneThreadAcrossChannelsAndPerChannelOnePerChannel() {
		String web = channels.create(ChannelType.WEB, unique("Threading web"), null, Set.of()).channel().id().value();
		String email = channels.create(ChannelType.EMAIL, unique("Threading mail"), null, Set.of())
			.channel()
			.id()
			.value();

		Intake perCustomer = intake("per-customer");
		String ana = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		var chat = perCustomer.receive(message(web, ChannelType.CHAT, ana)).orElseThrow();
		var mail = perCustomer.receive(message(email, ChannelType.EMAIL, ana)).orElseThrow();
		assertThat(mail.conversation().id()).isEqualTo(chat.conversation().id());
		assertThat(mail.opened()).isFalse();

		Intake perChannel = intake("per-channel");
		String bea = "bea-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		var chatted = perChannel.receive(message(web, ChannelType.CHAT, bea)).orElseThrow();
		var mailed = perChannel.receive(message(email, ChannelType.EMAIL, bea)).orElseThrow();
		var chattedAgain = perChannel.receive(message(web, ChannelType.CHAT, bea)).orElseThrow();
		assertThat(mailed.conversation().id()).isNotEqualTo(chatted.conversation().id());
		assertThat(mailed.conversation().profileId()).isEqualTo(chatted.conversation().profileId());
		assertThat(chattedAgain.conversation().id()).isEqualTo(chatted.conversation().id());
	}

	@Test
	void aNoticeWaitsInTheThreadOfTheChannelItWentThroughWhenThreadsArePerChannel() {
		String sms = channels.create(ChannelType.SMS, unique("Threading texts"), null, Set.of()).channel().id().value();
		String web = channels.create(ChannelType.WEB, unique("Threading chat"), null, Set.of()).channel().id().value();
		String phone = "+3519"
				+ String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
		Intake perChannel = intake("per-channel");
		NoticeThreads notices = new NoticeThreads(jdbc, store, messageStore, profiles, senders,
				properties("per-channel"), live, clock);
		String profile = notices.resolve(sms, "msg_" + UUID.randomUUID(), ChannelType.SMS, phone).orElseThrow();

		var notice = notices.thread(profile, "msg_" + UUID.randomUUID(), "Ready for pickup", "Your order is ready",
				ChannelType.SMS, sms, "SENT");
		String noticeThread = notice.conversationId().value();
		assertThat(threadKeyAndWaiting(noticeThread)).isEqualTo(sms + "|true");

		// Her chat is another channel: its own thread, the notice's keeps waiting
		var chat = perChannel
			.receive(new Inbound(web, ChannelType.CHAT, new Sender(null, null, null, phone, null),
					"Is it really ready?", false, null, List.of()))
			.orElseThrow();
		assertThat(chat.conversation().id().value()).isNotEqualTo(noticeThread);
		assertThat(chat.conversation().profileId()).isEqualTo(profile);
		assertThat(threadKeyAndWaiting(noticeThread)).isEqualTo(sms + "|true");

		// Her text answers the notice: the notice's thread opens as her contact
		var text = perChannel
			.receive(new Inbound(sms, ChannelType.SMS, new Sender(null, null, null, phone, null),
					"Thanks, coming at five", false, null, List.of()))
			.orElseThrow();
		assertThat(text.conversation().id().value()).isEqualTo(noticeThread);
		assertThat(text.opened()).isTrue();
		assertThat(threadKeyAndWaiting(noticeThread)).isEqualTo(sms + "|false");
	}

	private String threadKeyAndWaiting(String conversation) {
		return jdbc.sql("select thread_key || '|' || awaiting_contact from conversation where id = :id")
			.param("id", conversation)
			.query(String.class)
			.single();
	}

	private Intake intake(String threading) {
		return new Intake(store, messageStore, senders, profiles, attachmentRules, properties(threading), agents,
				transactions, events, clock);
	}

	private static ConversationProperties properties(String threading) {
		return new Binder(
				new MapConfigurationPropertySource(java.util.Map.of("omnis.conversation.threading", threading)))
			.bindOrCreate("omnis.conversation", Bindable.of(ConversationProperties.class));
	}

	private static Inbound message(String channel, ChannelType medium, String email) {
		return new Inbound(channel, medium, Sender.email(email, null), "Hello from " + medium, false, null, List.of());
	}

}
