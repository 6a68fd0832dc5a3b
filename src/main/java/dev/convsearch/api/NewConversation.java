package dev.convsearch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/conversations}; every field is optional. Unknown fields are rejected. */
@Schema(name = "NewConversation")
public record NewConversation(
        @Schema(description = "1..100 characters of [A-Za-z0-9._-]; generated (32 hex) when absent") String conversationId,
        @Schema(description = "1..200 characters after trimming; defaults to 'Conversation ' + the id's first 5 characters") String title,
        String selectedRepository,
        String selectedBranch,
        ProviderType gitProvider,
        ConversationTrigger trigger,
        ConversationStatus status,
        RuntimeStatus runtimeStatus,
        String url,
        String sessionApiKey,
        Integer numConnections,
        List<Integer> prNumber,
        @Schema(format = "date-time", description = "ISO-8601; defaults to now") String createdAt,
        @Schema(format = "date-time", description = "ISO-8601; defaults to created_at") String lastUpdatedAt) {
}
