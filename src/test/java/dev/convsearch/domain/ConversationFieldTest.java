package dev.convsearch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import dev.convsearch.api.AppConversation;
import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.NewConversation;
import dev.convsearch.domain.ConversationField.Write;

/**
 * The field table agrees with what it describes: each field a client writes is a component of the body it is read
 * from, of the same type; each field is in the API's record (ConversationCodecTest checks the stored names).
 */
class ConversationFieldTest {

    private static final PropertyNamingStrategies.NamingBase SNAKE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @Test
    void everyWritableFieldIsAComponentOfTheBodyOfTheSameType() {
        Map<String, RecordComponent> body = components(NewConversation.class);
        for (ConversationField field : ConversationField.values()) {
            boolean writable = Arrays.stream(Write.values()).anyMatch(field::writableBy);
            RecordComponent component = body.get(field.wire());
            assertEquals(writable, component != null, field + ": in the body exactly when a write sets it");
            if (component != null) {
                assertSame(field.type(), component.getType(), field + ": type");
            }
        }
    }

    /** Kept for the OpenHands V1 surface, which returns them (the cost and tokens in its metrics). */
    private static final Set<ConversationField> V1_ONLY = EnumSet.of(ConversationField.LLM_MODEL,
            ConversationField.ACCUMULATED_COST, ConversationField.PROMPT_TOKENS, ConversationField.COMPLETION_TOKENS,
            ConversationField.EXECUTION_STATUS);

    @Test
    void everyFieldButTheOwnerIsReturnedTheV1OnesByTheV1Surface() {
        Map<String, RecordComponent> returned = components(ConversationInfo.class);
        for (ConversationField field : ConversationField.values()) {
            boolean legacy = field != ConversationField.USER_ID && !V1_ONLY.contains(field);
            assertEquals(legacy, returned.containsKey(field.wire()), field.wire());
        }
        Set<String> v1 = components(AppConversation.class).keySet();
        assertTrue(v1.containsAll(Set.of("llm_model", "metrics", "created_by_user_id")), v1.toString());
    }

    @Test
    void fieldsAreFoundByTheirWireName() {
        for (ConversationField field : ConversationField.values()) {
            assertSame(field, ConversationField.byWire(field.wire()));
        }
        assertFalse(ConversationField.byWire("bogus") != null);
    }

    private static Map<String, RecordComponent> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .collect(Collectors.toMap(c -> SNAKE.translate(c.getName()), Function.identity()));
    }
}
