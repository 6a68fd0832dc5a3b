package dev.convsearch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.convsearch.api.ImportResult.LineFailure;

/**
 * What a body of events did: how many events it kept (an event sent again replaces the one kept), how many it skipped
 * (kinds without text, or events with no text), and the events it refused, by line (the JSON list's index + 1, or the
 * NDJSON line).
 */
@Schema(name = "EventsResult", example = "{\"indexed\": 38, \"skipped\": 2, \"failed\": [{\"line\": 7, \"detail\": \"id: Field required\"}]}")
public record EventsResult(long indexed, long skipped, List<LineFailure> failed) {
}
