package dev.convsearch.operations;

import jakarta.inject.Singleton;

import dev.convsearch.domain.TextIndex;
import dev.convsearch.service.SearchIndexFollower;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The search index in {@code /q/metrics}: events indexed ({@code convsearch_search_events_indexed_total}), its size on
 * disk ({@code convsearch_search_index_size_bytes}) and how far behind MongoDB it may be
 * ({@code convsearch_search_index_lag_seconds}: the time since its last look took everything in).
 */
@Singleton
public class SearchIndexMeters implements MeterBinder {

    private final TextIndex index;
    private final SearchIndexFollower follower;

    public SearchIndexMeters(TextIndex index, SearchIndexFollower follower) {
        this.index = index;
        this.follower = follower;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("convsearch.search.events.indexed", index, TextIndex::indexedEvents)
                .description("Events this process took into the search index").register(registry);
        Gauge.builder("convsearch.search.index.size", index, TextIndex::sizeOnDisk).baseUnit("bytes")
                .description("The search index's size on disk").register(registry);
        Gauge.builder("convsearch.search.index.lag", follower, f -> f.lag().toMillis() / 1000.0).baseUnit("seconds")
                .description("How far behind MongoDB the search index may be").register(registry);
    }
}
