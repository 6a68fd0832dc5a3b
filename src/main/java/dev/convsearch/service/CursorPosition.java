package dev.convsearch.service;

import java.time.Instant;

/** Where a page ended: the stored sort value and id of its last conversation (the keyset). */
public record CursorPosition(Instant sortValue, String conversationId) {
}
