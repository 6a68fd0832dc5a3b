package dev.convsearch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonDocumentWriter;
import org.bson.BsonType;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import dev.convsearch.domain.ConversationField;

/**
 * The stored document's codec writes every property under its stored name with the type the field table gives it, and
 * reads back what it wrote; a value of another type reads as absent.
 */
class ConversationCodecTest {

    private static final ConversationCodec CODEC = new ConversationCodec();

    /** The names the service stores beyond the field table's. */
    private static final Set<String> INTERNAL = Set.of("_id", ConversationDocument.REVISED_AT,
            ConversationDocument.HAS_PARENT, ConversationDocument.HAS_SUB_CONVERSATIONS, ConversationDocument.INFO_UPDATED_AT);

    @Test
    void everyPropertyIsWrittenUnderAStoredNameAndReadBack() throws Exception {
        ConversationDocument full = everyPropertySet();
        BsonDocument stored = encode(full);

        Set<String> expected = new HashSet<>(INTERNAL);
        Arrays.stream(ConversationField.values()).map(ConversationField::stored).forEach(expected::add);
        assertEquals(expected, stored.keySet());
        assertEquals(properties().size(), stored.size(), "one stored name for each property");

        ConversationDocument read = decode(stored);
        for (Field property : properties()) {
            assertEquals(property.get(full), property.get(read), property.getName());
        }
    }

    @Test
    void eachFieldIsStoredWithTheBsonTypeOfItsJavaType() throws Exception {
        BsonDocument stored = encode(everyPropertySet());
        Map<Class<?>, BsonType> bsonTypes = Map.of(String.class, BsonType.STRING, Integer.class, BsonType.INT32,
                Long.class, BsonType.INT64, Double.class, BsonType.DOUBLE, Boolean.class, BsonType.BOOLEAN,
                Instant.class, BsonType.DATE_TIME, List.class, BsonType.ARRAY);
        for (ConversationField field : ConversationField.values()) {
            BsonType expected = field.type().isEnum() ? BsonType.STRING : bsonTypes.get(field.type());
            assertSame(expected, stored.get(field.stored()).getBsonType(), field.toString());
        }
    }

    @Test
    void absentPropertiesAreNotWritten() {
        ConversationDocument sparse = new ConversationDocument();
        sparse.userId = "u";
        sparse.conversationId = "c";
        assertEquals(BsonDocument.parse("{user_id: 'u', conversation_id: 'c'}"), encode(sparse));
    }

    @Test
    void aValueOfAnotherTypeReadsAsAbsentAndNumbersOfAnyWidthAreRead() {
        BsonDocument stored = BsonDocument.parse("""
                {title: 5, tags: 'not a list', created_at: 'not a date', archived: 'yes', _id: 'text',
                 num_connections: {$numberLong: '2'}, prompt_tokens: 3, accumulated_cost: 4,
                 pr_number: [1, 'two', 3.0], unknown: {nested: true}, conversation_id: 'c'}""");
        ConversationDocument read = decode(stored);
        assertNull(read.title);
        assertNull(read.tags);
        assertNull(read.createdAt);
        assertNull(read.archived);
        assertNull(read.id);
        assertEquals(2, read.numConnections);
        assertEquals(3L, read.promptTokens);
        assertEquals(4.0, read.accumulatedCost);
        assertEquals(List.of(1, 3), read.prNumber);
        assertEquals("c", read.conversationId);
    }

    /** A document with every property set to a value of its type, each different. */
    private static ConversationDocument everyPropertySet() throws Exception {
        ConversationDocument doc = new ConversationDocument();
        int n = 1;
        for (Field property : properties()) {
            Class<?> type = property.getType();
            Object value;
            if (type == String.class) {
                value = property.getName() + "-value";
            } else if (type == Integer.class) {
                value = n;
            } else if (type == Long.class) {
                value = 1_000_000_000_000L + n;
            } else if (type == Double.class) {
                value = n + 0.5;
            } else if (type == Boolean.class) {
                value = n % 2 == 0;
            } else if (type == Instant.class) {
                value = Instant.ofEpochMilli(1_700_000_000_000L + n);
            } else if (type == ObjectId.class) {
                value = new ObjectId();
            } else if (type == List.class) {
                Class<?> element = (Class<?>) ((ParameterizedType) property.getGenericType())
                        .getActualTypeArguments()[0];
                value = element == Integer.class ? List.of(n, n + 1) : List.of("a" + n, "b" + n);
            } else {
                throw new AssertionError("a property of a type this test does not know: " + property);
            }
            property.set(doc, value);
            n++;
        }
        return doc;
    }

    private static List<Field> properties() {
        return Arrays.stream(ConversationDocument.class.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .collect(Collectors.toList());
    }

    private static BsonDocument encode(ConversationDocument doc) {
        BsonDocument stored = new BsonDocument();
        CODEC.encode(new BsonDocumentWriter(stored), doc, EncoderContext.builder().build());
        return stored;
    }

    private static ConversationDocument decode(BsonDocument stored) {
        return CODEC.decode(new BsonDocumentReader(stored), DecoderContext.builder().build());
    }
}
