package dev.convsearch.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** convsearch's own settings; each can be set by environment variable (e.g. CONVSEARCH_AUTH_STATIC_KEYS). */
@ConfigMapping(prefix = "convsearch")
public interface ConvsearchConfig {

    /** API key settings. */
    Auth auth();

    /** The embedded database used when no MongoDB connection string is set. */
    Embedded embedded();

    /** Search cursor settings. */
    Cursor cursor();

    /** Request size limits. */
    Limits limits();

    /** The per-key request budget. */
    RateLimit rateLimit();

    /** API key settings. */
    interface Auth {

        /** Keys from configuration: comma-separated {@code user_id:sha256hex} entries. */
        Optional<List<String>> staticKeys();
    }

    /** The embedded database used when no MongoDB connection string is set. */
    interface Embedded {

        /** Whether to start the embedded database when no connection string is set. */
        @WithDefault("true")
        boolean enabled();

        /** Folder of the embedded database file and of the local API key. */
        @WithDefault("data")
        String dataDir();
    }

    /** Search cursor settings. */
    interface Cursor {

        /** Secret that signs page_id cursors; set the same value on every replica to make cursors unforgeable. */
        @WithDefault("convsearch-default-cursor-secret")
        String secret();
    }

    /** The per-key request budget: a token bucket of {@code requests} tokens refilled over each {@code period}. */
    interface RateLimit {

        /** Whether requests are limited (turn off to measure the service rather than the limiter). */
        @WithDefault("true")
        boolean enabled();

        /** Requests one key may make per period, and the burst it may make at once. */
        @WithDefault("600")
        int requests();

        /** The period the budget refills over. */
        @WithDefault("1M")
        Duration period();
    }

    /** Request size limits (imports are bounded by quarkus.http.limits.max-body-size instead). */
    interface Limits {

        /** Largest JSON request body. */
        @WithDefault("1M")
        MemorySize maxJsonBody();
    }
}
