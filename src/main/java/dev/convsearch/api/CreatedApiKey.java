package dev.convsearch.api;

import java.time.Instant;

/** A key just created: the only time its secret {@code key} is shown. */
public record CreatedApiKey(String id, String name, String prefix, Instant createdAt, Instant expiresAt, String key) {
}
