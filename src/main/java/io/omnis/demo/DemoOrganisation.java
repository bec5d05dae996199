package io.omnis.demo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;
import io.omnis.tracking.Collection;

/**
 * Loads "Lumen", a fashion and home retailer with a web shop, an app, a call centre, six
 * stores in five countries, messaging channels and a person in every role, once per
 * database.
 */
@Component
@ConditionalOnBooleanProperty("omnis.demo.enabled")
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DemoOrganisation implements ApplicationRunner {

	static final String DATASET = "lumen-v1";

	static final long SEED = 20261122L;

	private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

	private static final List<String> FIRST_NAMES = List.of("Ana", "Marta", "João", "Inês", "Lucía", "Pablo", "Camille",
			"Hugo", "Lena", "Jonas", "Sofia", "Mateo", "Chloé", "Tiago", "Elena", "Noah");

	private static final List<String> LAST_NAMES = List.of("Silva", "Costa", "Ferreira", "García", "Martín", "Dubois",
			"Lefèvre", "Schmidt", "Weber", "Santos", "López", "Moreau", "Fischer", "Alves");

	private final Channels channels;

	private final Staff staff;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Collection collection;

	private final JsonMapper json;

	private final DemoShoppers shoppers;

	DemoOrganisation(Channels channels, Staff staff, JdbcClient jdbc, TransactionTemplate transactions,
			Collection collection, JsonMapper json, DemoShoppers shoppers) {
		this.shoppers = shoppers;
		this.channels = channels;
		this.staff = staff;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.collection = collection;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> {
			if (DemoDatasets.claim(jdbc, DATASET)) {
				load();
			}
		});
	}

	private void load() {
		Map<String, String> ids = new HashMap<>();
		List<String> stores = new ArrayList<>();
		for (DemoChannel channel : DemoChannel.ALL) {
			String id = channels
				.create(channel.type(), channel.name(), channel.description(), EnumSet.of(Permission.CHANNELS_READ))
				.channel()
				.id()
				.value();
			ids.put(channel.name(), id);
			if (channel.type() == ChannelType.STORE) {
				stores.add(id);
			}
		}
		DemoCustomers customers = new DemoCustomers(collection, json);
		int events = customers.send(ids.get("Lumen web shop"), ids.get("Lumen app"), stores);
		customers.shoppers().forEach(shoppers::add);
		Random random = new Random(SEED);
		String password = password();
		List<String> created = new ArrayList<>();
		created.add(person(random, Role.AGENT, password));
		created.add(person(random, Role.AGENT, password));
		created.add(person(random, Role.STORE_ASSOCIATE, password));
		created.add(person(random, Role.STORE_ASSOCIATE, password));
		created.add(person(random, Role.STORE_ASSOCIATE, password));
		created.add(person(random, Role.MARKETER, password));
		created.add(person(random, Role.ANALYST, password));
		log.warn("""

				==========================================================
				  Demo organisation 'Lumen' loaded: {} channels, {} people, {} customer events.
				  Demo users (password shown once: {}):
				    {}
				==========================================================""", DemoChannel.ALL.size(), created.size(),
				events, password, String.join("\n    ", created));
	}

	private String person(Random random, Role role, String password) {
		while (true) {
			String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
			String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
			String username = ascii(first + "." + last);
			if (staff.findByUsername(username).isEmpty()) {
				staff.create(username, first + " " + last, role, password);
				return username + " (" + role.label() + ")";
			}
		}
	}

	private static String ascii(String name) {
		return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT);
	}

	private static String password() {
		// The people are generated from the seed; their shared password is not, so no
		// demo is guessable
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder("demo-");
		for (int i = 0; i < 12; i++) {
			password.append("abcdefghijkmnpqrstuvwxyz23456789".charAt(random.nextInt(32)));
		}
		return password.toString();
	}

	record DemoChannel(ChannelType type, String name, String description) {

		static final List<DemoChannel> ALL = List.of(
				new DemoChannel(ChannelType.WEB, "Lumen web shop", "lumen.example, all countries"),
				new DemoChannel(ChannelType.MOBILE_APP, "Lumen app", "iOS and Android"),
				new DemoChannel(ChannelType.CALL_CENTER, "Customer care line", "+351 210 000 100, 9:00 to 21:00"),
				new DemoChannel(ChannelType.EMAIL, "care@lumen.example", "Customer care mailbox"),
				new DemoChannel(ChannelType.SMS, "SMS +351 910 000 100", "Order updates and replies"),
				new DemoChannel(ChannelType.CHAT, "Web chat", "Chat widget on the web shop"),
				new DemoChannel(ChannelType.SOCIAL, "Instagram @lumen.home", "Direct messages"),
				new DemoChannel(ChannelType.MARKETPLACE, "Lumen on Zalando", "Marketplace storefront"),
				new DemoChannel(ChannelType.STORE, "Lisbon Chiado", "Rua Garrett 12, 1200-204 Lisboa"),
				new DemoChannel(ChannelType.STORE, "Porto Santa Catarina", "Rua de Santa Catarina 300, Porto"),
				new DemoChannel(ChannelType.STORE, "Madrid Gran Vía", "Gran Vía 32, 28013 Madrid"),
				new DemoChannel(ChannelType.STORE, "Barcelona Passeig de Gràcia", "Passeig de Gràcia 55, Barcelona"),
				new DemoChannel(ChannelType.STORE, "Lyon Presqu'île", "Rue de la République 40, 69002 Lyon"),
				new DemoChannel(ChannelType.STORE, "Berlin Mitte", "Rosenthaler Straße 40, 10178 Berlin"),
				new DemoChannel(ChannelType.KIOSK, "Lisbon Chiado kiosk", "Endless-aisle kiosk in the Chiado store"));

	}

}
