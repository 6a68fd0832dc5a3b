package dev.convsearch.repository;

import static dev.convsearch.repository.ApiKeyDocument.CREATED_AT;
import static dev.convsearch.repository.ApiKeyDocument.KEY_HASH;
import static dev.convsearch.repository.ApiKeyDocument.LAST_USED_AT;
import static dev.convsearch.repository.ApiKeyDocument.USER_ID;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

/** MongoDB access to {@code api_keys}. */
@ApplicationScoped
public class ApiKeyRepository implements ReactivePanacheMongoRepository<ApiKeyDocument> {

    /** The key with that SHA-256 hex, or null. */
    public Uni<ApiKeyDocument> findByHash(String keyHash) {
        return find(new Document(KEY_HASH, keyHash)).firstResult();
    }

    /** The user's keys, newest first. */
    public Uni<List<ApiKeyDocument>> listByUser(String userId) {
        return find(new Document(USER_ID, userId), new Document(CREATED_AT, -1)).list();
    }

    /** How many keys the user has. */
    public Uni<Long> countByUser(String userId) {
        return count(new Document(USER_ID, userId));
    }

    /** Deletes the user's key {@code id}; the deleted key, or null when the user has none with that id. */
    public Uni<ApiKeyDocument> deleteOwned(String userId, ObjectId id) {
        return mongoCollection().findOneAndDelete(new Document("_id", id).append(USER_ID, userId));
    }

    /** Records that the key was used (called at most once per lookup-cache period per replica). */
    public Uni<Void> touch(ObjectId id, Instant when) {
        return mongoCollection().updateOne(new Document("_id", id),
                new Document("$set", new Document(LAST_USED_AT, when))).replaceWithVoid();
    }

    /** A unique index on the hash (lookups, and no two keys alike) and one on the owner (listing). */
    public Uni<List<String>> createIndexes() {
        return mongoCollection().createIndexes(List.of(
                new IndexModel(new Document(KEY_HASH, 1), new IndexOptions().name("key_hash_unique").unique(true)),
                new IndexModel(new Document(USER_ID, 1).append(CREATED_AT, -1),
                        new IndexOptions().name("user_created"))));
    }
}
