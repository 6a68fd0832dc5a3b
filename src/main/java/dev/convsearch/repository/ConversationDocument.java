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
    /**
     * Whether the conversation has a parent (mirrors {@code parent_conversation_id}; never returned): a boolean can
     * lead an index and be bound to both its values, where a parent id cannot.
     */
    public static final String HAS_PARENT = "has_parent";
    /**
     * Whether the conversation may have sub-conversations: set when one is written while it exists, or when it is
     * created after some; never unset (a stale true only costs a lookup that finds none). Reads look up the
     * {@code sub_conversation_ids} of the conversations that have it, and only of those.
     */
    public static final String HAS_SUB_CONVERSATIONS = "has_sub_conversations";

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

    @BsonProperty("tags")
    public List<String> tags;

    @BsonProperty("archived")
    public Boolean archived;

    @BsonProperty("parent_conversation_id")
    public String parentConversationId;

    @BsonProperty(HAS_PARENT)
    public Boolean hasParent;

    @BsonProperty("llm_model")
    public String llmModel;

    @BsonProperty("accumulated_cost")
    public Double accumulatedCost;

    @BsonProperty("prompt_tokens")
    public Long promptTokens;

    @BsonProperty("completion_tokens")
    public Long completionTokens;

    @BsonProperty(REVISED_AT)
    public Instant revisedAt;

    @BsonProperty(HAS_SUB_CONVERSATIONS)
    public Boolean hasSubConversations;
}
