package dev.convsearch.api;

import java.time.Instant;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.convsearch.api.validation.TrimmedLength;

/** The body of {@code POST /api/keys}. */
@Schema(name = "NewApiKey", requiredProperties = "name")
public record NewApiKey(
        @Schema(description = "1..100 characters after trimming") @NotNull @TrimmedLength(min = 1, max = NAME_MAX) String name,
        @Schema(description = "When the key stops working; never when absent") @Future Instant expiresAt) {

    public static final int NAME_MAX = 100;
}
