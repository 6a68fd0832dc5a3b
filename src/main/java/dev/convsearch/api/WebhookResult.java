package dev.convsearch.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to an OpenHands agent-server's webhook: {@code success}, as the OpenHands app server answers it, and what
 * convsearch did with the info.
 */
@Schema(name = "WebhookResult", example = "{\"success\": true, \"applied\": true}")
public record WebhookResult(
        @Schema(description = "Always true: the info was taken") boolean success,
        @Schema(description = "Whether it changed the conversation: false for an info older than the last one applied, or for a conversation its agent-server deleted") boolean applied) {
}
