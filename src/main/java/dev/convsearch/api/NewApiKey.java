package dev.convsearch.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/keys}. */
@Schema(name = "NewApiKey", requiredProperties = "name")
public record NewApiKey(
        @Schema(description = "1..100 characters after trimming") String name,
        @Schema(format = "date-time", description = "When the key stops working; never when absent") String expiresAt) {
}
