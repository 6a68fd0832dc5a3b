package dev.convsearch.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.convsearch.api.validation.ConversationId;
import dev.convsearch.api.validation.TrimmedLength;

/**
 * A conversation's fields as create and import read them (PATCH reads the fields it may change); every field is
 * optional and unknown fields are rejected. The constraints are the fields' rules, checked by Bean Validation.
 */
@Schema(name = "NewConversation", example = "{\"conversation_id\": \"3f2a9c4e0b7d4e5f8a1b2c3d4e5f6a7b\", \"title\": \"Fix the build\", \"selected_repository\": \"acme/app\", \"trigger\": \"gui\", \"tags\": [\"ci\"]}")
public record NewConversation(
        @Schema(nullable = true, description = "1..100 characters of [A-Za-z0-9._-]; generated (32 hex) when absent") @ConversationId String conversationId,
        @Schema(nullable = true, description = "1..200 characters after trimming; defaults to 'Conversation ' + the id's first 5 characters") @TrimmedLength(min = 1, max = TITLE_MAX) String title,
        @Schema(nullable = true) @Size(max = TEXT_MAX) String selectedRepository,
        @Schema(nullable = true) @Size(max = TEXT_MAX) String selectedBranch,
        @Schema(nullable = true) ProviderType gitProvider,
        @Schema(nullable = true) ConversationTrigger trigger,
        @Schema(nullable = true) ConversationStatus status,
        @Schema(nullable = true) RuntimeStatus runtimeStatus,
        @Schema(nullable = true) @Size(max = TEXT_MAX) String url,
        @Schema(nullable = true) @Size(max = TEXT_MAX) String sessionApiKey,
        @Schema(nullable = true) @PositiveOrZero Integer numConnections,
        @Schema(nullable = true) @Size(max = PR_NUMBERS_MAX) List<Integer> prNumber,
        @Schema(nullable = true, description = "ISO-8601; defaults to now") Instant createdAt,
        @Schema(nullable = true, description = "ISO-8601; defaults to created_at") Instant lastUpdatedAt,
        @Schema(description = "Up to 20 tags of 1..50 characters after trimming; duplicates dropped, kept sorted") @Size(max = TAGS_MAX) List<@TrimmedLength(min = 1, max = TAG_MAX) String> tags,
        @Schema(nullable = true, description = "Archived conversations leave the default list; defaults to false") Boolean archived,
        @Schema(nullable = true, description = "The conversation this one was started from (the same rules as conversation_id; it need not exist yet); immutable") @ConversationId String parentConversationId,
        @Schema(nullable = true, description = "The language model the conversation used") @Size(max = TEXT_MAX) String llmModel,
        @Schema(nullable = true, description = "What the conversation cost so far, in US dollars") @PositiveOrZero @DecimalMax(COST_MAX) Double accumulatedCost,
        @Schema(nullable = true, description = "Prompt tokens used so far") @PositiveOrZero Long promptTokens,
        @Schema(nullable = true, description = "Completion tokens used so far") @PositiveOrZero Long completionTokens) {

    public static final int TITLE_MAX = 200;
    /** The longest accepted text field other than the title; keeps documents small. */
    public static final int TEXT_MAX = 2048;
    public static final int PR_NUMBERS_MAX = 1000;
    public static final int TAGS_MAX = 20;
    public static final int TAG_MAX = 50;
    /** A bound that any real cost is far below, and that infinity is above. */
    public static final String COST_MAX = "1000000000";
}
