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

    /** Search inside conversations. */
    Search search();

    /** Search inside conversations: where its index lives and how it follows MongoDB. */
    interface Search {

        /**
         * Folder of the search index; by default {@code search-index} in the embedded database's folder, or
         * {@code convsearch-search-index} in the temporary folder with MongoDB (each replica keeps its own index).
         */
        Optional<String> indexDir();

        /** How often the index looks in MongoDB for texts another replica wrote. */
        @WithDefault("1S")
        Duration pollInterval();

        /**
         * How far back each look reaches before the last one: texts written on another replica are seen although they
         * reach MongoDB up to this late, or its clock is this far behind.
         */
        @WithDefault("5S")
        Duration followMargin();
    }

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

        /** Largest body of events for one conversation (JSON or NDJSON). */
        @WithDefault("4M")
        MemorySize maxEventsBody();

        /**
         * Largest body an OpenHands agent-server may post to the live feed's webhooks. Above the agent-server's own
         * bounds (5 MiB a batch, and a single event up to its 50 MiB queue), so every batch it can send is taken: a
         * refused batch would block the conversation's feed.
         */
        @WithDefault("64M")
        MemorySize maxWebhookBody();
    }
}
