package dev.convsearch.domain;

import java.time.Instant;
import java.util.Map;

/**
 * What an OpenHands agent-server said of a conversation through the live feed: a {@code ConversationInfo} it posted, or
 * the state updates ({@code ConversationStateUpdateEvent}) among a batch of its events. Every component is null when
 * not said.
 *
 * @param infoUpdatedAt the info's {@code updated_at} (null for state updates): an info older than the last one applied
 *        changes nothing
 * @param createdAt the info's {@code created_at}
 * @param title the info's title
 * @param executionStatus the agent's execution status ({@code idle}, {@code running}, {@code finished}, ...)
 * @param llmModel the model of the agent's LLM ({@code agent.llm.model})
 * @param usage the LLM usage of the whole conversation, every LLM of it summed
 * @param parentConversationId the parent's id, as 32 lowercase hex digits
 * @param tags the SDK's key-value tags
 */
public record FeedUpdate(Instant infoUpdatedAt, Instant createdAt, String title, String executionStatus,
        String llmModel, Usage usage, String parentConversationId, Map<String, String> tags) {

    /** Nothing said. */
    public static final FeedUpdate NONE = new FeedUpdate(null, null, null, null, null, null, null, null);

    /** What the conversation's LLMs used: cost and tokens, summed over every LLM ({@code stats.usage_to_metrics}). */
    public record Usage(double accumulatedCost, long promptTokens, long completionTokens) {
    }

    /** This update, with what {@code later} says instead where it says something (state updates in a batch). */
    public FeedUpdate then(FeedUpdate later) {
        return new FeedUpdate(
                later.infoUpdatedAt != null ? later.infoUpdatedAt : infoUpdatedAt,
                later.createdAt != null ? later.createdAt : createdAt,
                later.title != null ? later.title : title,
                later.executionStatus != null ? later.executionStatus : executionStatus,
                later.llmModel != null ? later.llmModel : llmModel,
                later.usage != null ? later.usage : usage,
                later.parentConversationId != null ? later.parentConversationId : parentConversationId,
                later.tags != null ? later.tags : tags);
    }
}
