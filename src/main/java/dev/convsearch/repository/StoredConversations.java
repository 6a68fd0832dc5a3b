package dev.convsearch.repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocumentReader;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.configuration.CodecRegistry;

import com.mongodb.MongoClientSettings;

import dev.convsearch.api.WireEnum;
import dev.convsearch.domain.ConversationChange;
import dev.convsearch.domain.ConversationField;

/**
 * How a {@link ConversationChange} is stored: each field under its stored name (the table's), instants as BSON dates,
 * enums as their wire strings. And how such a document is read back as a {@link ConversationDocument}, by the codec
 * the MongoDB client reads it with.
 */
final class StoredConversations {

    private static final CodecRegistry REGISTRY = MongoClientSettings.getDefaultCodecRegistry();
    private static final ConversationCodec CODEC = new ConversationCodec();

    private StoredConversations() {
    }

    /**
     * The fields {@code change} sets, by stored name, as stored values, with {@code has_parent} when it sets a parent
     * (a conversation without one has no {@code has_parent}: searches take missing as false).
     */
    static Document fields(ConversationChange change) {
        Document fields = new Document();
        for (Map.Entry<ConversationField, Object> entry : change.values().entrySet()) {
            fields.append(entry.getKey().stored(), stored(entry.getValue()));
        }
        if (change.get(ConversationField.PARENT_CONVERSATION_ID) != null) {
            fields.append(ConversationDocument.HAS_PARENT, true);
        }
        return fields;
    }

    /** A stored document read as the entity. */
    static ConversationDocument entity(Document stored) {
        return CODEC.decode(new BsonDocumentReader(stored.toBsonDocument(Document.class, REGISTRY)),
                DecoderContext.builder().build());
    }

    /** A value as MongoDB stores it. */
    static Object stored(Object value) {
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof WireEnum wireEnum) {
            return wireEnum.wire();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StoredConversations::stored).toList();
        }
        return value;
    }
}
