package dev.convsearch.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.convsearch.api.validation.ConversationId;

/** The body of {@code POST /api/conversations/batch-delete}. */
@Schema(name = "BatchDelete", requiredProperties = "conversation_ids")
public record BatchDelete(
        @Schema(description = "1..100 ids; repeats count once") @NotNull @Size(min = 1, max = BATCH_MAX) List<@ConversationId String> conversationIds) {

    public static final int BATCH_MAX = 100;
}
