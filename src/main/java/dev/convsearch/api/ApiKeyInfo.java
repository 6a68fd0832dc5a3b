package dev.convsearch.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key as listed: never its secret. {@code prefix} is its first characters, to recognise it. */
public record ApiKeyInfo(String id, String name, String prefix, Instant createdAt,
        @Schema(nullable = true, description = "Null: the key never expires") Instant expiresAt,
        @Schema(nullable = true, description = "Null: not used yet") Instant lastUsedAt) {
}
