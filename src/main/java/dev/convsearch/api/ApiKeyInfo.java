package dev.convsearch.api;

import java.time.Instant;

/** An API key as listed: never its secret. {@code prefix} is its first characters, to recognise it. */
public record ApiKeyInfo(String id, String name, String prefix, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt) {
}
