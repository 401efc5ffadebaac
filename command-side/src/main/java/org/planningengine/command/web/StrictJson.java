package org.planningengine.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.planningengine.command.Rules;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Request bodies are read as written: an unknown field (a typo of an optional one) is refused rather than ignored,
 * so is a field given twice (else the last would silently win),
 * and a number is never taken from a string, a fraction never cut to an integer, text never taken from a number,
 * nor a category from its position in a list. A date is a string {@code YYYY-MM-DD} only (never a day count, never
 * an instant cut to its day), an instant a string with {@code Z} or an offset, and every string of a body is valid
 * text ({@link Rules#textProblem}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    /** A string of a body that is no valid text: refused as a broken rule naming the field. */
    static final class InvalidText extends JsonMappingException {

        InvalidText(JsonParser parser, String problem) {
            super(parser, problem);
        }
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                                  DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                                  DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                                  DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .postConfigurer(mapper -> {
                    for (LogicalType number : new LogicalType[]{LogicalType.Integer, LogicalType.Float}) {
                        mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                    }
                    mapper.coercionConfigFor(LogicalType.Textual)
                          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    // Registered after the JSR-310 module, so these come first.
                    mapper.registerModule(new SimpleModule("strict-values")
                                                  .addDeserializer(String.class, new ValidText())
                                                  .addDeserializer(LocalDate.class, new IsoDate())
                                                  .addDeserializer(Instant.class, new IsoInstant()));
                });
    }

    /** Strings as Jackson reads them, then checked as text. */
    private static final class ValidText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String problem = Rules.textProblem(text);
            if (problem != null) {
                throw new InvalidText(parser, problem);
            }
            return text;
        }
    }

    /** {@code YYYY-MM-DD}, as a JSON string, and nothing else. */
    private static final class IsoDate extends StdScalarDeserializer<LocalDate> {

        private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

        IsoDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getText();
            if (parser.hasToken(JsonToken.VALUE_STRING) && DATE.matcher(text).matches()) {
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException noSuchDay) {
                    // refused below, as every other form
                }
            }
            throw InvalidFormatException.from(parser, "a date is a string YYYY-MM-DD", text, LocalDate.class);
        }
    }

    /**
     * An ISO-8601 instant in UTC ({@code Z}) or with an offset, as a JSON string, and nothing else: never a number of
     * seconds, never a local time that would need a zone to mean an instant.
     */
    private static final class IsoInstant extends StdScalarDeserializer<Instant> {

        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getText();
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException notAnInstant) {
                    // refused below, as every other form
                }
            }
            throw InvalidFormatException.from(parser, "an instant is a string such as 2027-05-01T09:30:00Z", text,
                                              Instant.class);
        }
    }
}
