package dev.convsearch.repository;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** One API key in {@code api_keys}: only the SHA-256 of the secret is kept, with a short prefix to recognise it. */
@MongoEntity(collection = "api_keys")
public class ApiKeyDocument {

    public static final String USER_ID = "user_id";
    public static final String KEY_HASH = "key_hash";
    public static final String CREATED_AT = "created_at";
    public static final String LAST_USED_AT = "last_used_at";

    @BsonId
    public ObjectId id;

    @BsonProperty(USER_ID)
    public String userId;

    @BsonProperty("name")
    public String name;

    @BsonProperty("prefix")
    public String prefix;

    @BsonProperty(KEY_HASH)
    public String keyHash;

    @BsonProperty(CREATED_AT)
    public Instant createdAt;

    @BsonProperty("expires_at")
    public Instant expiresAt;

    @BsonProperty(LAST_USED_AT)
    public Instant lastUsedAt;
}
