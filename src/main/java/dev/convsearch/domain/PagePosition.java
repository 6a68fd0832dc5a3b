package dev.convsearch.domain;

import java.time.Instant;

/**
 * Where a page ended: the stored sort value and id of its last conversation (the keyset), and when the walk through
 * the pages began ({@code asOf}): later pages leave out conversations written after that.
 */
public record PagePosition(Instant sortValue, String conversationId, Instant asOf) {
}
