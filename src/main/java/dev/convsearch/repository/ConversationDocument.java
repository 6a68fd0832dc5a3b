package dev.convsearch.repository;

import java.time.Instant;
import java.util.List;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One stored conversation in the {@code conversations} collection. {@code user_id} is the owner (never taken from the
 * client); {@code user_id} + {@code conversation_id} is unique. Enum values are stored as their wire strings.
 */
@MongoEntity(collection = "conversations")
public class ConversationDocument {

    public static final String USER_ID = "user_id";
    public static final String CONVERSATION_ID = "conversation_id";
    public static final String TITLE = "title";
    public static final String SELECTED_REPOSITORY = "selected_repository";
    public static final String TRIGGER = "trigger";
    public static final String CREATED_AT = "created_at";
    public static final String LAST_UPDATED_AT = "last_updated_at";
    public static final String REVISED_AT = "revised_at";

    @BsonId
    public ObjectId id;

    @BsonProperty(USER_ID)
    public String userId;

    @BsonProperty(CONVERSATION_ID)
    public String conversationId;

    @BsonProperty(TITLE)
    public String title;

    @BsonProperty(SELECTED_REPOSITORY)
    public String selectedRepository;

    @BsonProperty("selected_branch")
    public String selectedBranch;

    @BsonProperty("git_provider")
    public String gitProvider;

    @BsonProperty(TRIGGER)
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

    @BsonProperty(CREATED_AT)
    public Instant createdAt;

    @BsonProperty(LAST_UPDATED_AT)
    public Instant lastUpdatedAt;

    /**
     * When the service last wrote the document (server time; never given by clients, never returned). Lets a walk
     * through the pages leave out what was written after it began, so no conversation is seen twice.
     */
    @BsonProperty(REVISED_AT)
    public Instant revisedAt;
}
