package dev.convsearch.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads the ISO-8601 date-times clients send. A value with an offset is taken as given, one without is UTC (as
 * OpenHands writes naive UTC times); precision is cut to milliseconds, as MongoDB stores dates.
 */
public final class Timestamps {

    private Timestamps() {
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** The instant {@code text} names, or empty when it is no ISO-8601 date-time in years 1 to 9999. */
    public static Optional<Instant> parse(String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException naive) {
                return Optional.empty();
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            return Optional.empty();
        }
        return Optional.of(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Now, at the precision MongoDB stores. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
