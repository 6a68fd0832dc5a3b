package dev.convsearch.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One of a conversation's best matching events for a search with {@code q}, as GitHub's search API names them: a
 * fragment of the event's text around what matched, and where in the fragment each match is (code points, as
 * Python's {@code str} counts: {@code fragment[start:end] == text}).
 */
@Schema(name = "TextMatch", example = "{\"event_id\": \"5f3c...\", \"source\": \"agent\", \"timestamp\": \"2025-01-31T12:00:00Z\", \"fragment\": \"the tests failed: docker-compose.yml has no service db\", \"matches\": [{\"text\": \"tests failed\", \"indices\": [4, 16]}]}")
public record TextMatch(
        @Schema(description = "The event's id") String eventId,
        @Schema(nullable = true, description = "user, agent or environment; null when the event gave none") String source,
        @Schema(nullable = true, description = "When the event happened; null when it gave no time") Instant timestamp,
        @Schema(description = "Up to 300 characters of the event's text around the matches") String fragment,
        @Schema(description = "What matched, where in the fragment") List<Match> matches) {

    /** What {@code text_matches} is, for the OpenAPI document. */
    public static final String DESCRIPTION = "Only in the answer of a search with q: up to 3 of the conversation's "
            + "events that best match it, best first; [] when only the title matched";
    /** The fragment's longest length, in code points. */
    public static final int MAX_FRAGMENT = 300;

    /** One match: its text and its start and end in the fragment, in code points. */
    @Schema(name = "TextMatchRange")
    public record Match(String text,
            @Schema(description = "[start, end): fragment[start:end] is the text, in code points", minItems = 2, maxItems = 2) List<Integer> indices) {
    }
}
