package io.omnis.demo;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.channel.Channel;
import io.omnis.channel.Channels;
import io.omnis.conversation.Author;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.CustomerMessages;
import io.omnis.knowledge.KnowledgeBase;
import io.omnis.kernel.problem.ProblemException;

/**
 * Gives Lumen's customer care something to do, once per database after its orders: a help
 * centre in English and Portuguese that the self-service assistant answers from, and
 * customers writing in by chat, e-mail, SMS and Instagram, some already resolved.
 */
@Component
@ConditionalOnBooleanProperty("omnis.demo.enabled")
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class DemoService implements ApplicationRunner {

	static final String DATASET = "lumen-service-v1";

	private static final Logger log = LoggerFactory.getLogger(DemoService.class);

	private static final List<Article> ARTICLES = List.of(new Article("orders", "click-and-collect", "en",
			"Click & collect: how it works", "Collect your order at any Lumen store, free of charge.",
			"<p>Choose <strong>Collect in store</strong> at checkout and pick the store that has your items. "
					+ "We tell you by e-mail or SMS when your order is ready, with a pickup code and a QR code.</p>"
					+ "<p>Show the code at the counter. Your order waits for you for <strong>7 days</strong>; "
					+ "after that it is cancelled and refunded.</p>"),
			new Article("orders", "curbside-pickup", "en", "Curbside pickup",
					"Park outside the store, tap the link in your message and we bring your order to the car.",
					"<p>Choose <strong>Curbside</strong> at checkout. When your order is ready, the message we send "
							+ "has an <em>I have arrived</em> link: open it when you park and tell us your parking "
							+ "spot. A colleague brings the order out.</p>"),
			new Article("orders", "delivery-times", "en", "Delivery times and costs",
					"Standard delivery takes 2 to 4 working days; same-day delivery is available in Madrid.",
					"<ul><li>Standard delivery: 2 to 4 working days, free above 50 €.</li>"
							+ "<li>Same-day delivery in Madrid for orders placed before 14:00.</li>"
							+ "<li>You receive a tracking link as soon as your parcel leaves us.</li></ul>"),
			new Article("returns", "returns-and-exchanges", "en", "Returns and exchanges",
					"Return anything within 30 days, in any store or by post, whatever channel you bought it in.",
					"<p>You have <strong>30 days</strong> to return an item in its original condition. Bring it to any "
							+ "Lumen store, even if you bought it online, or start a return from your account.</p>"
							+ "<p>We refund the original payment method, or give you store credit, or exchange the "
							+ "item for another size.</p>"),
			new Article("stores", "store-opening-hours", "en", "Store opening hours",
					"Our stores are open Monday to Saturday from 10:00 to 20:00.",
					"<p>Every Lumen store opens Monday to Saturday, 10:00 to 20:00, and is closed on Sundays and "
							+ "public holidays.</p>"),
			new Article("stores", "loyalty-card", "en", "The Lumen loyalty card",
					"Show your loyalty card at the till or add it to your account to see all your purchases.",
					"<p>Ask for a card at any till. Link it to your online account and your store purchases appear "
							+ "in your history next to your online orders.</p>"),
			new Article("orders", "levantamento-em-loja", "pt", "Levantamento em loja",
					"Levante a sua encomenda em qualquer loja Lumen, sem custos.",
					"<p>Escolha <strong>Levantar em loja</strong> no checkout. Avisamos por e-mail ou SMS quando a "
							+ "encomenda estiver pronta, com um código de levantamento.</p>"),
			new Article("returns", "devolucoes-e-trocas", "pt", "Devoluções e trocas",
					"Tem 30 dias para devolver, em qualquer loja ou por correio.",
					"<p>Tem <strong>30 dias</strong> para devolver um artigo. Pode devolvê-lo em qualquer loja "
							+ "Lumen, mesmo que o tenha comprado online.</p>"));

	private static final Map<String, String> CATEGORIES = Map.of("orders", "Orders and delivery", "returns",
			"Returns and exchanges", "stores", "Stores and loyalty");

	private static final List<Question> QUESTIONS = List.of(
			new Question("Web chat", "Hi! Is my order ready to collect yet? I chose the Chiado store."),
			new Question("Web chat", "Do you have the linen shirt in XL in Madrid?"),
			new Question("Web chat", "The jeans I received are too small, can I exchange them in a store?"),
			new Question("care@lumen.example", "Hello, I was charged twice for my last order. Could you check?"),
			new Question("care@lumen.example", "Can I change the delivery address of the order I placed this morning?"),
			new Question("care@lumen.example", "My loyalty card purchases do not show in my account."),
			new Question("SMS +351 910 000 100", "Ola, a minha encomenda ainda nao chegou. Podem ajudar?"),
			new Question("SMS +351 910 000 100", "What time does the Porto store close today?"),
			new Question("Instagram @lumen.home", "Love the oat knit! Will it be back in size S?"),
			new Question("Instagram @lumen.home", "Do you ship to Germany?"));

	private final JdbcClient jdbc;

	private final Channels channels;

	private final KnowledgeBase knowledge;

	private final CustomerMessages messages;

	private final Conversations conversations;

	private final DemoShoppers shoppers;

	DemoService(JdbcClient jdbc, Channels channels, KnowledgeBase knowledge, CustomerMessages messages,
			Conversations conversations, DemoShoppers shoppers) {
		this.jdbc = jdbc;
		this.channels = channels;
		this.knowledge = knowledge;
		this.messages = messages;
		this.conversations = conversations;
		this.shoppers = shoppers;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (DemoDatasets.claim(jdbc, DATASET)) {
			load();
		}
	}

	private void load() {
		Map<String, String> categories = CATEGORIES.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					entry -> knowledge.createCategory(entry.getKey(), entry.getValue()).id()));
		for (Article article : ARTICLES) {
			knowledge.create(
					new KnowledgeBase.ArticleInput(article.slug(), article.locale(), categories.get(article.category()),
							article.title(), article.body(), article.shortAnswer(), "PUBLISHED"));
		}
		Map<String, Channel> byName = channels.page(null, 200, null, null)
			.data()
			.stream()
			.collect(Collectors.toMap(Channel::name, channel -> channel, (a, b) -> a));
		List<DemoShoppers.Shopper> people = shoppers.all();
		Random random = new Random(DemoOrganisation.SEED + 4);
		int opened = 0;
		for (int i = 0; i < QUESTIONS.size() && !people.isEmpty(); i++) {
			Question question = QUESTIONS.get(i);
			Channel channel = byName.get(question.channel());
			DemoShoppers.Shopper shopper = people.get(random.nextInt(people.size()));
			if (channel == null || (question.bySms() && shopper.phone() == null)) {
				continue;
			}
			try {
				ConversationId id = messages.receive(channel.id(),
						question.bySms() ? new CustomerMessages.From(null, shopper.phone(), null, shopper.name())
								: new CustomerMessages.From(shopper.email(), null, null, shopper.name()),
						question.text());
				if (i % 4 == 3) {
					conversations.resolve(id.value(), Author.SYSTEM);
				}
				opened++;
			}
			catch (ProblemException ex) {
				log.debug("Demo message refused: {}", ex.getMessage());
			}
		}
		log.info("Demo customer service loaded: {} help articles, {} conversations", ARTICLES.size(), opened);
	}

	record Article(String category, String slug, String locale, String title, String shortAnswer, String body) {
	}

	record Question(String channel, String text) {

		boolean bySms() {
			return channel.startsWith("SMS");
		}

	}

}
