package dev.convsearch.operations;

import jakarta.inject.Singleton;

import dev.convsearch.domain.TextIndex;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.service.SearchIndexFollower;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The search index in {@code /q/metrics}: events indexed ({@code convsearch_search_events_indexed_total}), its size on
 * disk ({@code convsearch_search_index_size_bytes}), the segments a search reads
 * ({@code convsearch_search_index_segments}) and how far behind MongoDB it may be
 * ({@code convsearch_search_index_lag_seconds}: the time since its last look took everything in), and how many
 * conversations searches with {@code q}, counts and batch gets read from MongoDB
 * ({@code convsearch_conversations_read_total}: a search's cost there grows with it).
 */
@Singleton
public class SearchIndexMeters implements MeterBinder {

    private final TextIndex index;
    private final SearchIndexFollower follower;
    private final ConversationRepository conversations;

    public SearchIndexMeters(TextIndex index, SearchIndexFollower follower, ConversationRepository conversations) {
        this.index = index;
        this.follower = follower;
        this.conversations = conversations;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("convsearch.search.events.indexed", index, TextIndex::indexedEvents)
                .description("Events this process took into the search index").register(registry);
        Gauge.builder("convsearch.search.index.size", index, TextIndex::sizeOnDisk).baseUnit("bytes")
                .description("The search index's size on disk").register(registry);
        Gauge.builder("convsearch.search.index.segments", index, TextIndex::segments)
                .description("The segments a search with q reads now (each costs it a look-up of every word)")
                .register(registry);
        Gauge.builder("convsearch.search.index.lag", follower, f -> f.lag().toMillis() / 1000.0).baseUnit("seconds")
                .description("How far behind MongoDB the search index may be").register(registry);
        FunctionCounter.builder("convsearch.conversations.read", conversations,
                ConversationRepository::conversationsRead)
                .description("Conversations read from MongoDB as documents by searches with q, counts and batch gets")
                .register(registry);
    }
}
