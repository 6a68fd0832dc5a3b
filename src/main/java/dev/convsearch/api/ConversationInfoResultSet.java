package dev.convsearch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of search results and the cursor of the next page ({@code null} on the last page). */
@Schema(name = "ConversationInfoResultSet", example = "{\"results\": [{\"conversation_id\": \"3f2a9c4e0b7d4e5f8a1b2c3d4e5f6a7b\", \"title\": \"Fix the build\", \"last_updated_at\": \"2025-01-31T12:00:00Z\", \"status\": \"STOPPED\", \"selected_repository\": \"acme/app\", \"trigger\": \"gui\", \"tags\": [\"ci\"], \"archived\": false, \"sub_conversation_ids\": []}], \"next_page_id\": \"AAABlLT2lP4AAAGUtPaU_jNmMmE5YzRl...\"}")
public record ConversationInfoResultSet(List<ConversationInfo> results, @Schema(nullable = true) String nextPageId) {
}
