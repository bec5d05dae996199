package io.omnis.conversation.quality;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Author;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.Message;
import io.omnis.conversation.SurveyEvents.SurveyAnswered;
import io.omnis.conversation.SurveyEvents.SurveySent;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * Satisfaction surveys: one per conversation, sent in the channel of her last message
 * after its first resolution (a second resolution sends nothing), answered once through a
 * signed link.
 */
@Service
public class Surveys {

	static final String PREFIX = "srv";

	/** The survey in SMS and WhatsApp, answered by a reply of one digit. */
	public static final String BY_REPLY = "How did we do? Reply with a number from 1 (poor) to 5 (great).";

	private static final java.util.regex.Pattern RATING = java.util.regex.Pattern.compile("[1-5]");

	private final JdbcClient jdbc;

	private final Conversations conversations;

	private final SurveyTokens tokens;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate apart;

	private final Clock clock;

	private final String baseUrl;

	private final Duration replyWindow;

	Surveys(JdbcClient jdbc, Conversations conversations, SurveyTokens tokens, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, Clock clock,
			@Value("${omnis.conversation.csat.base-url:http://127.0.0.1:8080}") String baseUrl,
			@Value("${omnis.conversation.csat.reply-window:3d}") Duration replyWindow) {
		this.replyWindow = replyWindow;
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.tokens = tokens;
		this.events = events;
		this.apart = new TransactionTemplate(transactions);
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** A survey as stored. */
	public record Survey(String id, ConversationId conversationId, String medium, String state, @Nullable String note,
			Instant sentAt, @Nullable Integer rating, @Nullable String comment, @Nullable Instant answeredAt) {
	}

	/**
	 * Sends the conversation's survey unless it had one. The message is written apart, so
	 * a channel that cannot carry it leaves the survey recorded as NOT_SENT with the
	 * reason.
	 */
	@Transactional
	public void resolved(ConversationId id) {
		Conversation conversation = conversations.get(id.value());
		String surveyId = Ids.next(PREFIX);
		int inserted = jdbc.sql("""
				insert into csat_survey (id, conversation_id, profile_id, medium, state, sent_at)
				select :id, :conversation, :profile, :medium, 'SENT', :at
				 -- a thread only a notice wrote in (she never answered) asks her nothing
				 where not exists (select 1 from conversation where id = :conversation and awaiting_contact)
				on conflict (conversation_id) do nothing""")
			.param("id", surveyId)
			.param("conversation", id.value())
			.param("profile", conversation.profileId())
			.param("medium", conversation.medium().name())
			.param("at", Timestamp.from(clock.instant()))
			.update();
		if (inserted == 0) {
			return;
		}
		String text = conversation.medium() == ChannelType.SMS ? BY_REPLY
				: "How did we do? Rate this conversation from 1 to 5: " + link(surveyId);
		try {
			Message message = apart
				.execute(status -> conversations.reply(id.value(), text, false, conversation.medium(), Author.SYSTEM));
			jdbc.sql("update csat_survey set message_id = :message where id = :id")
				.param("message", message == null ? null : message.id())
				.param("id", surveyId)
				.update();
			events.publishEvent(new SurveySent(id, surveyId));
		}
		catch (ProblemException ex) {
			jdbc.sql("update csat_survey set state = 'NOT_SENT', note = :note where id = :id")
				.param("note", ex.getMessage())
				.param("id", surveyId)
				.update();
		}
	}

	/** The link a customer answers the survey through. */
	public String link(String surveyId) {
		return baseUrl + "/survey/" + tokens.issue(surveyId);
	}

	/**
	 * The survey a link's token names, or a 404 problem for a forged or unknown one. Not
	 * read-only: the first check on a fresh database makes the signing key.
	 */
	@Transactional
	public Survey byToken(String token) {
		return tokens.surveyOf(token).flatMap(this::find).orElseThrow(() -> new NotFoundException("survey", "link"));
	}

	@Transactional(readOnly = true)
	public Optional<Survey> ofConversation(ConversationId id) {
		return jdbc.sql("select * from csat_survey where conversation_id = :id")
			.param("id", id.value())
			.query((rs, row) -> survey(rs))
			.optional();
	}

	/**
	 * Records her answer; a second answer is refused (409) and changes nothing.
	 */
	@Transactional
	public Survey answer(String token, @Nullable Integer rating, @Nullable String comment) {
		Survey survey = byToken(token);
		if (rating == null || rating < 1 || rating > 5) {
			throw ProblemException.invalidField("rating", "must be a whole number from 1 to 5");
		}
		String cleaned = comment == null || comment.isBlank() ? null : comment.strip();
		if (cleaned != null && cleaned.length() > 2000) {
			throw ProblemException.invalidField("comment", "must be at most 2000 characters");
		}
		int answered = jdbc.sql("""
				update csat_survey set rating = :rating, comment = :comment, answered_at = :at
				 where id = :id and answered_at is null""")
			.param("rating", rating)
			.param("comment", cleaned)
			.param("at", Timestamp.from(clock.instant()))
			.param("id", survey.id())
			.update();
		if (answered == 0) {
			throw ProblemException.conflict("This survey was already answered");
		}
		events.publishEvent(new SurveyAnswered(survey.conversationId(), survey.id(), rating, cleaned));
		return find(survey.id()).orElseThrow();
	}

	/**
	 * A text message that may answer a survey sent by SMS or WhatsApp: one digit from 1
	 * to 5 alone, from the address the survey went to through the same channel, within
	 * the reply window, while the conversation is still resolved and the survey
	 * unanswered. Anything else (a "7", words, a late reply) is an ordinary message.
	 * @return the answered survey, or empty when the text is not an answer
	 */
	@Transactional
	public Optional<Survey> answerByReply(String channelId, String address, String text) {
		String rating = text.strip();
		if (!RATING.matcher(rating).matches()) {
			return Optional.empty();
		}
		Optional<String> open = jdbc.sql("""
				select s.id from csat_survey s
				  join messaging_message m on m.message_id = s.message_id and m.direction = 'OUT'
				  join conversation c on c.id = s.conversation_id
				 where m.channel_id = :channel and m.address = :address and s.state = 'SENT' and s.answered_at is null
				   and s.sent_at > :since and c.status = 'RESOLVED'
				 order by s.sent_at desc limit 1 for update of s""")
			.param("channel", channelId)
			.param("address", address)
			.param("since", Timestamp.from(clock.instant().minus(replyWindow)))
			.query(String.class)
			.optional();
		return open.map(id -> answer(tokens.issue(id), Integer.parseInt(rating), null));
	}

	private Optional<Survey> find(String id) {
		return jdbc.sql("select * from csat_survey where id = :id")
			.param("id", id)
			.query((rs, row) -> survey(rs))
			.optional();
	}

	private static Survey survey(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp answered = rs.getTimestamp("answered_at");
		return new Survey(rs.getString("id"), new ConversationId(rs.getString("conversation_id")),
				rs.getString("medium"), rs.getString("state"), rs.getString("note"),
				rs.getTimestamp("sent_at").toInstant(), (Integer) rs.getObject("rating"), rs.getString("comment"),
				answered == null ? null : answered.toInstant());
	}

}
