package dev.convsearch.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A key just created: the only time its secret {@code key} is shown. */
public record CreatedApiKey(String id, String name, String prefix, Instant createdAt,
        @Schema(nullable = true, description = "Null: the key never expires") Instant expiresAt, String key) {
}
