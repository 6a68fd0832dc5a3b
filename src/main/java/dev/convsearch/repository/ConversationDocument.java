package dev.convsearch.repository;

import java.time.Instant;
import java.util.List;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One stored conversation in the {@code conversations} collection, as it is read. Property names are the stored names
 * of {@code ConversationField} (ConversationFieldTest checks they agree); enum values are stored as their wire strings.
 * {@code user_id} is the owner (never taken from the client); {@code user_id} + {@code conversation_id} is unique.
 */
@MongoEntity(collection = "conversations")
public class ConversationDocument {

    /**
     * When the service last wrote the document (server time; never given by clients, never returned). Lets a walk
     * through the pages leave out what was written after it began, so no conversation is seen twice.
     */
    public static final String REVISED_AT = "revised_at";

    @BsonId
    public ObjectId id;

    @BsonProperty("user_id")
    public String userId;

    @BsonProperty("conversation_id")
    public String conversationId;

    @BsonProperty("title")
    public String title;

    @BsonProperty("selected_repository")
    public String selectedRepository;

    @BsonProperty("selected_branch")
    public String selectedBranch;

    @BsonProperty("git_provider")
    public String gitProvider;

    @BsonProperty("trigger")
    public String trigger;

    @BsonProperty("status")
    public String status;

    @BsonProperty("runtime_status")
    public String runtimeStatus;

    @BsonProperty("url")
    public String url;

    @BsonProperty("session_api_key")
    public String sessionApiKey;

    @BsonProperty("num_connections")
    public Integer numConnections;

    @BsonProperty("pr_number")
    public List<Integer> prNumber;

    @BsonProperty("created_at")
    public Instant createdAt;

    @BsonProperty("last_updated_at")
    public Instant lastUpdatedAt;

    @BsonProperty(REVISED_AT)
    public Instant revisedAt;
}
