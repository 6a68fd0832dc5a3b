package dev.convsearch.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A conversation as the API returns it: the spec's {@code ConversationInfo} and the organising fields, every field
 * present. {@code sub_conversation_ids} are the caller's conversations whose parent is this one, sorted.
 */
@Schema(name = "ConversationInfo", requiredProperties = { "conversation_id", "title" })
public record ConversationInfo(
        String conversationId,
        String title,
        Instant lastUpdatedAt,
        ConversationStatus status,
        RuntimeStatus runtimeStatus,
        String selectedRepository,
        String selectedBranch,
        ProviderType gitProvider,
        ConversationTrigger trigger,
        int numConnections,
        String url,
        String sessionApiKey,
        Instant createdAt,
        List<Integer> prNumber,
        List<String> tags,
        boolean archived,
        String parentConversationId,
        List<String> subConversationIds) {
}
