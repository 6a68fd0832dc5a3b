package dev.convsearch.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.convsearch.api.validation.ConversationId;
import dev.convsearch.api.validation.TrimmedLength;

/** The body of {@code POST /api/conversations/batch-update}: at least one of archived, add_tags, remove_tags. */
@Schema(name = "BatchUpdate", requiredProperties = "conversation_ids")
public record BatchUpdate(
        @Schema(description = "1..100 ids; repeats count once") @NotNull @Size(min = 1, max = BatchDelete.BATCH_MAX) List<@ConversationId String> conversationIds,
        @Schema(description = "Archive (true) or unarchive (false) them") Boolean archived,
        @Schema(description = "Tags to add (a conversation that would hold more than 20 is left unchanged)") @Size(max = NewConversation.TAGS_MAX) List<@TrimmedLength(min = 1, max = NewConversation.TAG_MAX) String> addTags,
        @Schema(description = "Tags to remove") @Size(max = NewConversation.TAGS_MAX) List<@TrimmedLength(min = 1, max = NewConversation.TAG_MAX) String> removeTags) {
}
