package dev.convsearch.repository;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One stored conversation in the {@code conversations} collection, as it is read: {@link ConversationCodec} maps each
 * property to its stored name in {@code ConversationField}; enum values are stored as their wire strings.
 * {@code user_id} is the owner (never taken from the client); {@code user_id} + {@code conversation_id} is unique.
 */
@MongoEntity(collection = ConversationDocument.COLLECTION)
public class ConversationDocument {

    /** The collection of the conversations. */
    public static final String COLLECTION = "conversations";

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
    /**
     * The {@code updated_at} of the last conversation info an OpenHands agent-server sent that was applied (never
     * returned): an info older than it changes nothing, since the agent-server sends them from background tasks.
     */
    public static final String INFO_UPDATED_AT = "info_updated_at";

    public ObjectId id;

    public String userId;

    public String conversationId;

    public String title;

    public String selectedRepository;

    public String selectedBranch;

    public String gitProvider;

    public String trigger;

    public String status;

    public String runtimeStatus;

    public String url;

    public String sessionApiKey;

    public Integer numConnections;

    public List<Integer> prNumber;

    public Instant createdAt;

    public Instant lastUpdatedAt;

    public List<String> tags;

    public Boolean archived;

    public String parentConversationId;

    public Boolean hasParent;

    public String llmModel;

    public Double accumulatedCost;

    public Long promptTokens;

    public Long completionTokens;

    public String executionStatus;

    public Instant infoUpdatedAt;

    public Instant revisedAt;

    public Boolean hasSubConversations;
}
