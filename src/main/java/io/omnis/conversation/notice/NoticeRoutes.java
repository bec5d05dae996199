package io.omnis.conversation.notice;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.conversation.messaging.Texts;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;

/**
 * How a notice can reach a customer now: by e-mail when she has an address and the
 * organisation an active e-mail channel (and an SMTP server), else by SMS when she has a
 * phone that did not send STOP and an SMS channel with a provider exists.
 */
@Component
class NoticeRoutes {

	private final Channels channels;

	private final Profiles profiles;

	private final Texts texts;

	private final ObjectProvider<JavaMailSender> smtp;

	NoticeRoutes(Channels channels, Profiles profiles, Texts texts, ObjectProvider<JavaMailSender> smtp) {
		this.channels = channels;
		this.profiles = profiles;
		this.texts = texts;
		this.smtp = smtp;
	}

	/** Her e-mail address and phone number, from her profile or the identifier given. */
	record Reach(@Nullable String email, @Nullable String phone) {

		/** The medium a notice would take once a channel exists. */
		ChannelType likely() {
			return email == null && phone != null ? ChannelType.SMS : ChannelType.EMAIL;
		}

	}

	/** A channel and her address in it. */
	record Route(ChannelType medium, String channelId, String address) {
	}

	Optional<Route> route(Reach reach) {
		if (reach.email() != null && smtp.getIfAvailable() != null) {
			Optional<String> email = channels.page(null, 1, ChannelType.EMAIL, ChannelStatus.ACTIVE)
				.data()
				.stream()
				.map(Channel::id)
				.map(id -> id.value())
				.findFirst();
			if (email.isPresent()) {
				return Optional.of(new Route(ChannelType.EMAIL, email.get(), reach.email()));
			}
		}
		if (reach.phone() != null) {
			return texts.smsChannel().map(sms -> new Route(ChannelType.SMS, sms, reach.phone()));
		}
		return Optional.empty();
	}

	Reach reach(String customer) {
		if (customer.startsWith("email:")) {
			return new Reach(customer.substring(6), null);
		}
		if (customer.startsWith("phone:")) {
			return new Reach(null, customer.substring(6));
		}
		Profile profile = profiles.find(customer).orElse(null);
		if (profile == null) {
			return new Reach(null, null);
		}
		String email = first(profile, "email");
		var sms = profile.consent().path("sms_marketing");
		boolean stopped = sms.has("granted") && !sms.path("granted").asBoolean();
		return new Reach(email, stopped ? null : first(profile, "phone"));
	}

	private static @Nullable String first(Profile profile, String type) {
		return profile.identifiers()
			.stream()
			.filter(i -> i.type().equals(type))
			.map(Profile.KnownIdentifier::value)
			.findFirst()
			.orElse(null);
	}

}
