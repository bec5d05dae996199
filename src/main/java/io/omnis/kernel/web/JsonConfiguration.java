package io.omnis.kernel.web;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads request bodies strictly: a JSON value of the wrong type is refused rather than
 * converted, so that {@code "name": 42} is a clear 400 instead of a channel named "42".
 * (The rest of the strictness, which properties can express, is in application.yml.)
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer noScalarsAsStrings() {
		return builder -> builder.withCoercionConfig(LogicalType.Textual,
				strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
