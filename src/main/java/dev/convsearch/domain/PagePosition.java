package dev.convsearch.domain;

import java.time.Instant;

/**
 * Where a page ended: the stored sort value (an {@link Instant} for the date orders, the title's {@link String} for the
 * title orders) and id of its last conversation (the keyset), and when the walk through the pages began ({@code asOf}):
 * later pages leave out conversations written after that.
 */
public record PagePosition(Object sortValue, String conversationId, Instant asOf) {
}
