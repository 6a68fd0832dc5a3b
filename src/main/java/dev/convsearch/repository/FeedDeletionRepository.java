package dev.convsearch.repository;

import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.USER_ID;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOptions;

import dev.convsearch.api.Timestamps;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * {@code feed_deletions}: the conversations an OpenHands agent-server deleted (an info with {@code execution_status:
 * "deleting"}), one row per user and conversation, kept {@value #KEPT_DAYS} days. The agent-server sends the delete
 * from a background task, then flushes the conversation's last events: the live feed must not make the conversation
 * again from them.
 */
@ApplicationScoped
public class FeedDeletionRepository {

    static final String COLLECTION = "feed_deletions";
    static final String DELETED_AT = "deleted_at";
    static final int KEPT_DAYS = 7;

    private final ReactiveMongoCollection<Document> deletions;

    public FeedDeletionRepository(ReactiveMongoClient client,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.deletions = client.getDatabase(database).getCollection(COLLECTION);
    }

    /** Records that the agent-server deleted the user's conversation (again: the time moves on). */
    public Uni<Void> record(String userId, String conversationId) {
        return deletions.updateOne(key(userId, conversationId),
                new Document("$set", new Document(DELETED_AT, Date.from(Timestamps.now()))),
                new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    /** Whether the agent-server deleted the user's conversation (in the last {@value #KEPT_DAYS} days). */
    public Uni<Boolean> deleted(String userId, String conversationId) {
        return deletions.find(key(userId, conversationId)).collect().first().map(Objects::nonNull);
    }

    /** One row per user and conversation; rows expire after {@value #KEPT_DAYS} days. */
    public Uni<List<String>> createIndexes() {
        return deletions.createIndexes(List.of(
                new IndexModel(new Document(USER_ID.stored(), 1).append(CONVERSATION_ID.stored(), 1),
                        new IndexOptions().name("user_conversation_unique").unique(true)),
                new IndexModel(new Document(DELETED_AT, 1), new IndexOptions().name("deleted_at_ttl")
                        .expireAfter(Duration.ofDays(KEPT_DAYS).toSeconds(), TimeUnit.SECONDS))));
    }

    private static Document key(String userId, String conversationId) {
        return new Document(USER_ID.stored(), userId).append(CONVERSATION_ID.stored(), conversationId);
    }
}
