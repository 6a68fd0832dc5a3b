package dev.convsearch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the V1 search and the cursor of the next ({@code null} on the last page). */
@Schema(name = "AppConversationPage", example = "{\"items\": [{\"id\": \"3f2a9c4e0b7d4e5f8a1b2c3d4e5f6a7b\", \"created_by_user_id\": \"alice\", \"title\": \"Fix the build\", \"llm_model\": \"anthropic/claude-sonnet\", \"metrics\": {\"model_name\": \"anthropic/claude-sonnet\", \"accumulated_cost\": 0.25, \"accumulated_token_usage\": {\"model\": \"anthropic/claude-sonnet\", \"prompt_tokens\": 1000, \"completion_tokens\": 200}}, \"sandbox_status\": \"PAUSED\", \"created_at\": \"2025-01-31T11:00:00Z\", \"updated_at\": \"2025-01-31T12:00:00Z\", \"tags\": [], \"archived\": false, \"sub_conversation_ids\": []}], \"next_page_id\": null}")
public record AppConversationPage(List<AppConversation> items, @Schema(nullable = true) String nextPageId) {
}
