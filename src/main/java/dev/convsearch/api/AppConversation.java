package dev.convsearch.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A conversation as the OpenHands V1 app server returns it ({@code AppConversation}), every field present: the V1
 * names of the stored fields ({@code id}, {@code updated_at}, {@code conversation_url}), the sandbox fields convsearch
 * has no sandbox for (null, or the status seen as a sandbox's), and the organising fields.
 */
@Schema(name = "AppConversation", requiredProperties = { "id", "created_by_user_id", "title" })
public record AppConversation(
        @Schema(description = "The conversation id") String id,
        @Schema(description = "The owner") String createdByUserId,
        @Schema(description = "Always null: convsearch keeps no sandboxes") String sandboxId,
        String selectedRepository,
        String selectedBranch,
        ProviderType gitProvider,
        String title,
        ConversationTrigger trigger,
        List<Integer> prNumber,
        String llmModel,
        @Schema(description = "The model, cost and tokens; null when none is known") MetricsSnapshot metrics,
        String parentConversationId,
        @Schema(description = "The caller's conversations whose parent this one is, sorted") List<String> subConversationIds,
        Instant createdAt,
        @Schema(description = "last_updated_at") Instant updatedAt,
        @Schema(description = "RUNNING and STARTING as the status; PAUSED for STOPPED") SandboxStatus sandboxStatus,
        @Schema(description = "Always null: convsearch does not follow executions") String executionStatus,
        @Schema(description = "url") String conversationUrl,
        String sessionApiKey,
        List<String> tags,
        boolean archived) {

    /** What the conversation used, as V1 reports it ({@code MetricsSnapshot}). */
    @Schema(name = "MetricsSnapshot")
    public record MetricsSnapshot(String modelName, Double accumulatedCost, TokenUsage accumulatedTokenUsage) {
    }

    /** The tokens used ({@code TokenUsage}). */
    @Schema(name = "TokenUsage")
    public record TokenUsage(String model, Long promptTokens, Long completionTokens) {
    }

    /** A sandbox's state, as V1 names them. */
    @Schema(name = "SandboxStatus")
    public enum SandboxStatus implements WireEnum {
        STARTING,
        RUNNING,
        PAUSED,
        ERROR,
        MISSING;

        @Override
        public String wire() {
            return name();
        }
    }
}
