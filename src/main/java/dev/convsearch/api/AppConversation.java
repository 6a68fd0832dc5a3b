package dev.convsearch.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A conversation as the OpenHands V1 app server returns it ({@code AppConversation}), every field present: the V1
 * names of the stored fields ({@code id}, {@code updated_at}, {@code conversation_url}), the sandbox fields convsearch
 * has no sandbox for (null, or the status seen as a sandbox's), and the organising fields.
 */
@Schema(name = "AppConversation", requiredProperties = { "id", "created_by_user_id", "title" })
public record AppConversation(
        @Schema(description = "The conversation id") String id,
        @Schema(description = "The owner") String createdByUserId,
        @Schema(nullable = true, description = "Always null: convsearch keeps no sandboxes") String sandboxId,
        @Schema(nullable = true) String selectedRepository,
        @Schema(nullable = true) String selectedBranch,
        @Schema(nullable = true) ProviderType gitProvider,
        String title,
        @Schema(nullable = true) ConversationTrigger trigger,
        List<Integer> prNumber,
        @Schema(nullable = true) String llmModel,
        @Schema(nullable = true, description = "The model, cost and tokens; null when none is known") MetricsSnapshot metrics,
        @Schema(nullable = true) String parentConversationId,
        @Schema(description = "The caller's conversations whose parent this one is, sorted") List<String> subConversationIds,
        Instant createdAt,
        @Schema(description = "last_updated_at") Instant updatedAt,
        @Schema(description = "RUNNING and STARTING as the status; PAUSED for STOPPED") SandboxStatus sandboxStatus,
        @Schema(nullable = true, description = "What the OpenHands agent-server running the conversation last reported (idle, running, paused, waiting_for_confirmation, finished, error, stuck), through the live feed (/api/v1/webhooks); null when none did") String executionStatus,
        @Schema(nullable = true, description = "url") String conversationUrl,
        @Schema(nullable = true) String sessionApiKey,
        List<String> tags,
        boolean archived,
        @Schema(description = TextMatch.DESCRIPTION) @JsonInclude(JsonInclude.Include.NON_NULL) List<TextMatch> textMatches) {

    /** What the conversation used, as V1 reports it ({@code MetricsSnapshot}). */
    @Schema(name = "MetricsSnapshot")
    public record MetricsSnapshot(@Schema(nullable = true) String modelName, @Schema(nullable = true) Double accumulatedCost,
            @Schema(nullable = true) TokenUsage accumulatedTokenUsage) {
    }

    /** The tokens used ({@code TokenUsage}). */
    @Schema(name = "TokenUsage")
    public record TokenUsage(@Schema(nullable = true) String model, @Schema(nullable = true) Long promptTokens,
            @Schema(nullable = true) Long completionTokens) {
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
