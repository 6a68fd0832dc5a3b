package dev.convsearch.repository;

import static org.bson.codecs.configuration.CodecRegistries.fromProviders;
import static org.bson.codecs.configuration.CodecRegistries.fromRegistries;

import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonDocumentWrapper;
import org.bson.BsonNull;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.Conventions;
import org.bson.codecs.pojo.PojoCodecProvider;

import com.mongodb.MongoClientSettings;

/**
 * Picks stored fields out of a {@link ConversationDocument}, encoded exactly as the client stores it (the same POJO
 * conventions as Quarkus' MongoDB client), so that partial updates use the entity's own field names and types.
 */
final class DocumentFields {

    private static final CodecRegistry REGISTRY = fromRegistries(MongoClientSettings.getDefaultCodecRegistry(),
            fromProviders(PojoCodecProvider.builder().automatic(true)
                    .conventions(List.of(Conventions.ANNOTATION_CONVENTION)).build()));
    private static final Codec<ConversationDocument> CODEC = REGISTRY.get(ConversationDocument.class);

    private DocumentFields() {
    }

    /** The named fields of {@code doc}; a field that is null in {@code doc} is an explicit null. */
    static BsonDocument pick(ConversationDocument doc, Set<String> fields) {
        return pick(encode(doc), fields);
    }

    /** {@code doc} as the client stores it (without its null fields). */
    static BsonDocument encode(ConversationDocument doc) {
        return new BsonDocumentWrapper<>(doc, CODEC);
    }

    /** The named fields of an encoded document; an absent field is an explicit null. */
    static BsonDocument pick(BsonDocument encoded, Set<String> fields) {
        BsonDocument picked = new BsonDocument();
        for (String field : fields) {
            picked.append(field, encoded.containsKey(field) ? encoded.get(field) : BsonNull.VALUE);
        }
        return picked;
    }

    /** Every field of an encoded document except those named. */
    static BsonDocument allBut(BsonDocument encoded, Set<String> excluded) {
        BsonDocument rest = new BsonDocument();
        encoded.forEach((field, value) -> {
            if (!excluded.contains(field)) {
                rest.append(field, value);
            }
        });
        return rest;
    }
}
