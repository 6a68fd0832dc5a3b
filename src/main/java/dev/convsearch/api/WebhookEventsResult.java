package dev.convsearch.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to an OpenHands agent-server's batch of events: {@code success}, as the OpenHands app server answers it,
 * and what convsearch kept of the batch.
 */
@Schema(name = "WebhookEventsResult", example = "{\"success\": true, \"indexed\": 3, \"skipped\": 2, \"failed\": 0}")
public record WebhookEventsResult(
        @Schema(description = "Always true: the batch was taken") boolean success,
        @Schema(description = "Events whose text was kept (an event sent again replaces the one kept)") long indexed,
        @Schema(description = "Events with no text to keep (state updates, streaming deltas, kinds not read), and every event of a conversation its agent-server deleted") long skipped,
        @Schema(description = "Elements that could not be read as events (not an object, no id, wrong types): passed over") long failed) {
}
