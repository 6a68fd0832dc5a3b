package dev.convsearch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a batch did, by id, in the order asked. */
public final class BatchResult {

    private BatchResult() {
    }

    /** The answer of a batch delete. */
    @Schema(name = "BatchDeleteResult")
    public record Deleted(List<String> deleted, List<String> notFound) {
    }

    /** The answer of a batch update. */
    @Schema(name = "BatchUpdateResult")
    public record Updated(List<String> updated, List<String> notFound, List<Failure> failed) {
    }

    /** A conversation a batch left unchanged, and why. */
    @Schema(name = "BatchFailure")
    public record Failure(String conversationId, String detail) {
    }
}
