package dev.convsearch.rest;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import dev.convsearch.api.Timestamps;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Reads JSON bodies as pydantic does: a number or a boolean is not a string ({@code "title": 5} is a 422), while a
 * numeric string is still an integer, as in pydantic's lax mode; a number with a fraction is not an integer; a list may not
 * hold nulls; and date-times are read by
 * {@link Timestamps} (an offset or none, which is UTC; cut to milliseconds).
 */
@Singleton
public class JsonReading implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // pydantic refuses a number with a fraction for an integer ("num_connections": -0.5 is a 422, not 0)
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        mapper.registerModule(new SimpleModule("convsearch-timestamps").addDeserializer(Instant.class,
                new TimestampDeserializer()));
    }

    /** An ISO-8601 date-time string, read by {@link Timestamps}; anything else is refused. */
    static final class TimestampDeserializer extends StdScalarDeserializer<Instant> {

        TimestampDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText();
            return Timestamps.parse(text).orElseThrow(
                    () -> context.weirdStringException(text, Instant.class, "not an ISO-8601 date-time"));
        }
    }
}
