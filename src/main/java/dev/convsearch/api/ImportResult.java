package dev.convsearch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an import did: how many conversations it created and updated, and the lines it could not take (at most the
 * first {@value #MAX_LISTED_FAILURES}; {@code failed_count} counts them all).
 */
@Schema(name = "ImportResult", example = "{\"created\": 2, \"updated\": 1, \"failed\": [{\"line\": 3, \"detail\": \"conversation_id: Field required\"}], \"failed_count\": 1}")
public record ImportResult(long created, long updated, List<LineFailure> failed, long failedCount) {

    public static final int MAX_LISTED_FAILURES = 1000;

    /** A line that was not imported: its 1-based number and why. */
    public record LineFailure(int line, String detail) {
    }
}
