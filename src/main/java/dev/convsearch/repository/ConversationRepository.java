package dev.convsearch.repository;

import static dev.convsearch.repository.ConversationDocument.CONVERSATION_ID;
import static dev.convsearch.repository.ConversationDocument.USER_ID;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

/** MongoDB access to {@code conversations}; every method is scoped to one user. */
@ApplicationScoped
public class ConversationRepository implements ReactivePanacheMongoRepository<ConversationDocument> {

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

    /** Creates every index the searches need (idempotent). */
    public Uni<List<String>> createIndexes() {
        return mongoCollection().createIndexes(ConversationIndexes.all());
    }
}
