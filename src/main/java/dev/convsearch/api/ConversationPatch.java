package dev.convsearch.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/conversations/{id}}, for the OpenAPI document: every field is optional, and only the
 * fields given change; only the fields that may be unknown (selected_branch, runtime_status, url, session_api_key) may
 * be set to null, null elsewhere is a 422. (The body is read as {@link NewConversation}, after a check that it names
 * only these fields.)
 */
@Schema(name = "ConversationPatch")
public record ConversationPatch(
        @Schema(description = "1..200 characters after trimming") String title,
        @Schema(nullable = true) String selectedBranch,
        ConversationStatus status,
        @Schema(nullable = true) RuntimeStatus runtimeStatus,
        @Schema(nullable = true) String url,
        @Schema(nullable = true) String sessionApiKey,
        Integer numConnections,
        List<Integer> prNumber,
        @Schema(description = "Defaults to now, unless the body changes only tags and archived (organising is not activity)") Instant lastUpdatedAt,
        @Schema(description = "Replaces the tags: up to 20 of 1..50 characters after trimming") List<String> tags,
        Boolean archived) {
}
