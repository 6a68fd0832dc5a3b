package dev.convsearch.repository;

import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.CREATED_AT;
import static dev.convsearch.domain.ConversationField.USER_ID;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;

import dev.convsearch.api.Timestamps;
import dev.convsearch.domain.ConversationChange;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

/**
 * MongoDB access to {@code conversations}, in domain terms; every method is scoped to one user. Every write stamps
 * {@code revised_at}, which keeps a walk through the pages from seeing a conversation twice.
 */
@ApplicationScoped
public class ConversationRepository implements ReactivePanacheMongoRepository<ConversationDocument> {

    /** At most {@code limit} of the conversations {@code filter} selects, in {@code order}, after {@code after}. */
    public Uni<List<ConversationDocument>> findPage(SearchFilter filter, SortOrder order, PagePosition after,
            int limit) {
        return find(ConversationQueries.pageFilter(filter, order, after), ConversationQueries.sort(order))
                .range(0, limit - 1).list();
    }

    /** How many conversations {@code filter} selects. */
    public Uni<Long> count(SearchFilter filter) {
        return count(ConversationQueries.filter(filter));
    }

    /** The position of {@code last} in {@code order}: where the next page of a walk begun at {@code asOf} starts. */
    public static PagePosition positionOf(ConversationDocument last, SortOrder order, Instant asOf) {
        Instant sortValue = order.field() == CREATED_AT ? last.createdAt : last.lastUpdatedAt;
        return new PagePosition(sortValue, last.conversationId, asOf);
    }

    /** The user's conversation with that id, or null. */
    public Uni<ConversationDocument> findOne(String userId, String conversationId) {
        return find(key(userId, conversationId)).firstResult();
    }

    /** Stores a new conversation with {@code values}; fails with a duplicate key when the user already has its id. */
    public Uni<ConversationDocument> insert(String userId, ConversationChange values) {
        Document stored = new Document(USER_ID.stored(), userId)
                .append(ConversationDocument.REVISED_AT, StoredConversations.stored(Timestamps.now()));
        stored.putAll(StoredConversations.fields(values));
        return mongoCollection().withDocumentClass(Document.class).insertOne(stored)
                .map(inserted -> StoredConversations.entity(stored));
    }

    /** Sets the fields of {@code change} on the user's conversation; the changed conversation, or null if none. */
    public Uni<ConversationDocument> update(String userId, String conversationId, ConversationChange change) {
        return mongoCollection().findOneAndUpdate(key(userId, conversationId), new Document("$set", revised(change)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Deletes the user's conversation; whether there was one. */
    public Uni<Boolean> delete(String userId, String conversationId) {
        return mongoCollection().deleteOne(key(userId, conversationId)).map(result -> result.getDeletedCount() > 0);
    }

    /**
     * Upserts each conversation by the user and its id, in one round trip: the fields given are set, the defaults only
     * when the conversation is new. Never matches another user's conversation.
     */
    public Uni<UpsertCounts> upsertAll(String userId, List<Upsert> upserts) {
        List<UpdateOneModel<ConversationDocument>> writes = upserts.stream().map(upsert -> write(userId, upsert))
                .toList();
        return mongoCollection().bulkWrite(writes, new BulkWriteOptions().ordered(true))
                .map(result -> new UpsertCounts(result.getUpserts().size(), result.getMatchedCount()));
    }

    /** One conversation to upsert: the fields its source gave (its id among them), and the defaults of a new one. */
    public record Upsert(ConversationChange given, ConversationChange defaults) {
    }

    /** What an upsert of many did: how many conversations it created and how many it updated. */
    public record UpsertCounts(long created, long updated) {
    }

    /** Creates every index the searches need (idempotent). */
    public Uni<List<String>> createIndexes() {
        return mongoCollection().createIndexes(ConversationIndexes.all());
    }

    private static UpdateOneModel<ConversationDocument> write(String userId, Upsert upsert) {
        // the key comes from the filter when a conversation is inserted; it is in neither $set nor $setOnInsert
        String conversationId = (String) upsert.given().get(CONVERSATION_ID);
        ConversationChange given = upsert.given().without(Set.of(CONVERSATION_ID));
        Document update = new Document("$set", revised(given));
        Document defaults = StoredConversations.fields(upsert.defaults().without(upsert.given().fields()));
        if (!defaults.isEmpty()) {
            update.append("$setOnInsert", defaults);
        }
        return new UpdateOneModel<>(key(userId, conversationId), update, new UpdateOptions().upsert(true));
    }

    /** The stored fields of {@code change}, stamped with the time of this write. */
    private static Document revised(ConversationChange change) {
        return StoredConversations.fields(change)
                .append(ConversationDocument.REVISED_AT, StoredConversations.stored(Timestamps.now()));
    }

    private static Document key(String userId, String conversationId) {
        return new Document(USER_ID.stored(), userId).append(CONVERSATION_ID.stored(), conversationId);
    }
}
