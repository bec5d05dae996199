package io.omnis.conversation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer who chats as an anonymous visitor, gives her e-mail in the chat, then
 * e-mails, then texts (her phone known from her account) is one person with one thread.
 */
class OneCustomerAcrossChannelsTests extends ConversationFixtures {

	@Autowired
	Profiles profiles;

	@Test
	void aVisitorWhoChatsThenEmailsThenTextsIsOnePersonWithOneConversation() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "ines-" + suffix + "@example.com";
		String phone = "+35191" + (1000000 + Math.abs(suffix.hashCode() % 8999999));
		var web = channel(ChannelType.WEB);
		Visitor visitor = new Visitor(writeKeyOf(web), "anon-" + suffix);

		String conversation = visitor.say("Hello, my lamp arrived broken").path("conversationId").asString();
		assertThat(visitor.say("You can write to me", email).path("conversationId").asString()).isEqualTo(conversation);

		Caller mailbox = mailWebhook();
		JsonNode mailed = postMail(mailbox, mail("Ines <" + email + ">", "<first-" + suffix + "@example.com>",
				"Broken lamp", "", "Here is the photo you asked for."))
			.expect(201);
		assertThat(mailed.path("conversationId").asString()).isEqualTo(conversation);

		// Her account page tells the site her phone number, through event collection
		anonymous().send("POST", "/v1/batch",
				java.net.http.HttpRequest.BodyPublishers.ofString("{\"batch\":[{\"type\":\"identify\",\"userId\":\"u-"
						+ suffix + "\",\"anonymousId\":\"anon-" + suffix + "\",\"messageId\":\"acct-" + suffix
						+ "\",\"traits\":{\"email\":\"" + email + "\",\"phone\":\"" + phone + "\"}}]}"),
				"Authorization", basic(writeKeyOf(web)), "Content-Type", "application/json")
			.expect(200);
		Poll.until(Duration.ofSeconds(20), () -> profiles.lookup(Identifier.normalised("phone", phone).orElseThrow()),
				found -> found.isPresent());

		Caller sms = bearer(secretOf(channel(ChannelType.SMS, Permission.CONVERSATIONS_WRITE)));
		JsonNode texted = sms
			.post("/api/v1/conversations/inbound/messages",
					"{\"from\":{\"phone\":\"" + phone + "\"},\"text\":\"Did you get the photo?\"}")
			.expect(201);
		assertThat(texted.path("conversationId").asString()).isEqualTo(conversation);

		Profile ines = profiles.lookup(new Identifier("email", email)).orElseThrow();
		assertThat(profiles.lookup(new Identifier("anonymous_id", "anon-" + suffix)).orElseThrow().id())
			.isEqualTo(ines.id());
		assertThat(profiles.lookup(Identifier.normalised("phone", phone).orElseThrow()).orElseThrow().id())
			.isEqualTo(ines.id());

		Caller agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
		JsonNode thread = agent.get("/api/v1/conversations/" + conversation + "/messages").expect(200);
		List<String> channels = StreamSupport.stream(thread.path("data").spliterator(), false)
			.map(message -> message.path("channelType").asString())
			.toList();
		assertThat(channels).containsExactly("CHAT", "CHAT", "EMAIL", "SMS");
		JsonNode view = agent.get("/api/v1/conversations/" + conversation).expect(200);
		assertThat(view.path("profileId").asString()).isEqualTo(ines.id());
		assertThat(view.path("channelType").asString()).isEqualTo("SMS");
		assertThat(agent.get("/api/v1/conversations?profileId=" + ines.id()).expect(200).path("data").size())
			.isEqualTo(1);

		// Omnis cannot text back yet: the answer is refused, clearly, and nothing is
		// stored; it can go by e-mail or chat instead
		agent.post("/api/v1/conversations/" + conversation + "/messages", "{\"body\":\"We got it\"}")
			.expectProblem(400, "invalid-field", "channel");
		assertThat(agent.get("/api/v1/conversations/" + conversation + "/messages").expect(200).path("data").size())
			.isEqualTo(4);
		JsonNode answer = agent
			.post("/api/v1/conversations/" + conversation + "/messages",
					"{\"body\":\"We got it, a new lamp is on its way\",\"channel\":\"CHAT\"}")
			.expect(201);
		assertThat(answer.path("direction").asString()).isEqualTo("OUT");
		assertThat(agent.get("/api/v1/conversations/" + conversation).expect(200).path("status").asString())
			.isEqualTo("PENDING");

		// Her chat shows the answer; her timeline shows the conversation's messages
		JsonNode history = anonymous()
			.get("/chat/v1/messages?key=" + writeKeyOf(web) + "&anonymousId=anon-" + suffix + "&token=" + visitor.token)
			.expect(200);
		assertThat(history.path("messages").get(history.path("messages").size() - 1).path("body").asString())
			.isEqualTo("We got it, a new lamp is on its way");
		assertThat(profiles.timeline(ines.id(), null, 50, null, null).data()).hasSizeGreaterThanOrEqualTo(5);
	}

}
