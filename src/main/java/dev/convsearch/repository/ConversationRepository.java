package dev.convsearch.repository;

import static dev.convsearch.repository.ConversationDocument.CONVERSATION_ID;
import static dev.convsearch.repository.ConversationDocument.USER_ID;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonDocument;
import org.bson.Document;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

/** MongoDB access to {@code conversations}; every method is scoped to one user. */
@ApplicationScoped
public class ConversationRepository implements ReactivePanacheMongoRepository<ConversationDocument> {

    /** The fields that identify a document: they come from the filter of an upsert, never from its update. */
    private static final Set<String> KEY_FIELDS = Set.of("_id", USER_ID, CONVERSATION_ID);

    /** At most {@code limit} conversations matching {@code filter}, in {@code sort} order. */
    public Uni<List<ConversationDocument>> findPage(Document filter, Document sort, int limit) {
        return find(filter, sort).range(0, limit - 1).list();
    }

    /** How many conversations match {@code filter}. */
    public Uni<Long> countMatching(Document filter) {
        return count(filter);
    }

    /** The user's conversation with that id, or null. */
    public Uni<ConversationDocument> findOne(String userId, String conversationId) {
        return find(new Document(USER_ID, userId).append(CONVERSATION_ID, conversationId)).firstResult();
    }

    /**
     * Sets the named fields of {@code changes} on the user's conversation; the changed conversation, or null when the
     * user has none with that id.
     */
    public Uni<ConversationDocument> update(String userId, String conversationId, ConversationDocument changes,
            Set<String> fields) {
        return mongoCollection().findOneAndUpdate(
                new Document(USER_ID, userId).append(CONVERSATION_ID, conversationId),
                new Document("$set", DocumentFields.pick(changes, fields)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Deletes the user's conversation; whether there was one. */
    public Uni<Boolean> delete(String userId, String conversationId) {
        return mongoCollection().deleteOne(new Document(USER_ID, userId).append(CONVERSATION_ID, conversationId))
                .map(result -> result.getDeletedCount() > 0);
    }

    /**
     * Upserts each conversation by user and id in one round trip: the fields the source gave are set, the others get
     * their defaults only when the conversation is new. Never matches another user's conversation.
     */
    public Uni<BulkWriteResult> upsertAll(List<Upsert> upserts) {
        List<UpdateOneModel<ConversationDocument>> writes = upserts.stream().map(ConversationRepository::write)
                .toList();
        return mongoCollection().bulkWrite(writes, new BulkWriteOptions().ordered(true));
    }

    /** One conversation to upsert, and which of its fields its source gave. */
    public record Upsert(ConversationDocument doc, Set<String> givenFields) {
    }

    private static UpdateOneModel<ConversationDocument> write(Upsert upsert) {
        ConversationDocument doc = upsert.doc();
        Set<String> given = new HashSet<>(upsert.givenFields());
        given.removeAll(KEY_FIELDS);
        Set<String> notSet = new HashSet<>(given);
        notSet.addAll(KEY_FIELDS);
        BsonDocument encoded = DocumentFields.encode(doc);
        Document update = new Document("$set", DocumentFields.pick(encoded, given));
        BsonDocument defaults = DocumentFields.allBut(encoded, notSet);
        if (!defaults.isEmpty()) {
            update.append("$setOnInsert", defaults);
        }
        return new UpdateOneModel<>(new Document(USER_ID, doc.userId).append(CONVERSATION_ID, doc.conversationId),
                update, new UpdateOptions().upsert(true));
    }

    /** Creates every index the searches need (idempotent). */
    public Uni<List<String>> createIndexes() {
        return mongoCollection().createIndexes(ConversationIndexes.all());
    }
}
