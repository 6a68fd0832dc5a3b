package dev.convsearch.api;

import java.util.List;

/**
 * What an import did: how many conversations it created and updated, and the lines it could not take (at most the
 * first {@value #MAX_LISTED_FAILURES}; {@code failed_count} counts them all).
 */
public record ImportResult(long created, long updated, List<LineFailure> failed, long failedCount) {

    public static final int MAX_LISTED_FAILURES = 1000;

    /** A line that was not imported: its 1-based number and why. */
    public record LineFailure(int line, String detail) {
    }
}
