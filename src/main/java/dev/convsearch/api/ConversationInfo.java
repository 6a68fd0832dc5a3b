package dev.convsearch.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A conversation as the API returns it: the spec's {@code ConversationInfo} and the organising fields, every field
 * present. {@code sub_conversation_ids} are the caller's conversations whose parent is this one, sorted;
 * {@code text_matches} is there only in the answer of a search with {@code q}.
 */
@Schema(name = "ConversationInfo", requiredProperties = { "conversation_id",
        "title" }, example = "{\"conversation_id\": \"3f2a9c4e0b7d4e5f8a1b2c3d4e5f6a7b\", \"title\": \"Fix the build\", \"last_updated_at\": \"2025-01-31T12:00:00Z\", \"status\": \"STOPPED\", \"runtime_status\": null, \"selected_repository\": \"acme/app\", \"selected_branch\": \"main\", \"git_provider\": \"github\", \"trigger\": \"gui\", \"num_connections\": 0, \"url\": null, \"session_api_key\": null, \"created_at\": \"2025-01-31T11:00:00Z\", \"pr_number\": [], \"tags\": [\"ci\"], \"archived\": false, \"parent_conversation_id\": null, \"sub_conversation_ids\": []}")
public record ConversationInfo(
        String conversationId,
        String title,
        Instant lastUpdatedAt,
        ConversationStatus status,
        @Schema(nullable = true) RuntimeStatus runtimeStatus,
        @Schema(nullable = true) String selectedRepository,
        @Schema(nullable = true) String selectedBranch,
        @Schema(nullable = true) ProviderType gitProvider,
        @Schema(nullable = true) ConversationTrigger trigger,
        int numConnections,
        @Schema(nullable = true) String url,
        @Schema(nullable = true) String sessionApiKey,
        Instant createdAt,
        List<Integer> prNumber,
        List<String> tags,
        boolean archived,
        @Schema(nullable = true) String parentConversationId,
        List<String> subConversationIds,
        @Schema(description = TextMatch.DESCRIPTION) @JsonInclude(JsonInclude.Include.NON_NULL) List<TextMatch> textMatches) {
}
