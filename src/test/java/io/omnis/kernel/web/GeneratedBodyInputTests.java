package io.omnis.kernel.web;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.omnis.Caller;
import io.omnis.GarbageJson;
import io.omnis.GeneratedRequests;
import io.omnis.ScratchOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every POST, PUT, PATCH and DELETE of the API, sent by a key holding every permission,
 * with path variables and query parameters as in {@link GeneratedQueryInputTests} and a
 * body shaped like the endpoint's request type, then mutated ({@link GarbageJson}): wrong
 * types, huge and deep values, odd characters, broken bytes and syntax. None may cause a
 * server error, and every refusal is a problem detail. On an Omnis of its own, since an
 * accepted request may change any setting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedBodyInputTests extends ScratchOmnis {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private List<GeneratedRequests.Endpoint> endpoints = List.of();

	private GeneratedRequests requests;

	private Caller everything;

	@BeforeAll
	void endpoints() {
		requests = GeneratedRequests.withIdsFrom(jdbc, withEveryPermission());
		// made after the ids were taken, so that no request disables or changes its own
		// channel
		everything = withEveryPermission();
		endpoints = GeneratedRequests.endpoints(mappings,
				Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noGeneratedBodyCausesAServerErrorAnywhere(int seed) {
		assertThat(endpoints).as("POST, PUT, PATCH and DELETE endpoints of the API").hasSizeGreaterThan(100);
		Random random = new Random(seed);
		GarbageJson garbage = new GarbageJson(random);
		for (GeneratedRequests.Endpoint endpoint : endpoints) {
			String uri = requests.uri(endpoint, random);
			byte[] body = endpoint.method() == RequestMethod.DELETE && random.nextBoolean() ? new byte[0]
					: garbage.mutate(requests.template(endpoint.body(), random));

			garbage.send(everything, endpoint.method().name(), uri, body, garbage.contentType(),
					random.nextInt(4) == 0);
		}
	}

	@Test
	void aWildcardContentTypeIsAnUnsupportedMediaTypeProblem() {
		for (String type : new String[] { "application/*", "*/*", "*", "application/*+json" }) {
			everything
				.send("POST", "/api/v1/orders/ord_01jd4k7q8m3v5x6y7z8a9b0c1d/cancel",
						java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}"), "Content-Type", type)
				.expectProblem(415, "unsupported-media-type");
			everything
				.send("POST", "/api/v1/carts", java.net.http.HttpRequest.BodyPublishers.ofString("{}"), "Content-Type",
						type)
				.expectProblem(415, "unsupported-media-type");
		}
	}

	/**
	 * The seeds: 1 to {@code omnis.generated-bodies} (3 unless set); each sends to every
	 * endpoint.
	 */
	static java.util.stream.IntStream seeds() {
		return java.util.stream.IntStream.rangeClosed(1, Integer.getInteger("omnis.generated-bodies", 3));
	}

}
