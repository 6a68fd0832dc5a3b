package dev.convsearch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/conversations/{id}}, for the OpenAPI document: every field is optional, and only the
 * fields given change. (The service reads the body as JSON to tell an absent field from a null one.)
 */
@Schema(name = "ConversationPatch")
public record ConversationPatch(
        @Schema(description = "1..200 characters after trimming") String title,
        String selectedBranch,
        ConversationStatus status,
        RuntimeStatus runtimeStatus,
        String url,
        String sessionApiKey,
        Integer numConnections,
        List<Integer> prNumber,
        @Schema(format = "date-time", description = "Defaults to now") String lastUpdatedAt) {
}
