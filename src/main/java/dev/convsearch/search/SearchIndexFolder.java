package dev.convsearch.search;

import java.nio.file.Path;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.convsearch.config.ConvsearchConfig;
import dev.convsearch.embedded.EmbeddedMongo;

/**
 * Where the search index lives: {@code convsearch.search.index-dir} when set; else beside the embedded database
 * ({@code data/search-index}), or with MongoDB in the temporary folder (the index is derived: each replica builds its
 * own from MongoDB, and keeps it across restarts when the folder outlives them).
 */
@Singleton
public class SearchIndexFolder {

    private final Path path;

    @Inject
    public SearchIndexFolder(ConvsearchConfig config, EmbeddedMongo embedded) {
        this(config.search().indexDir().map(Path::of)
                .orElseGet(() -> embedded.active() ? embedded.dataDir().resolve("search-index")
                        : Path.of(System.getProperty("java.io.tmpdir"), "convsearch-search-index")));
    }

    /** The folder {@code path} (the index of one test). */
    public SearchIndexFolder(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** The index's folder. */
    public Path path() {
        return path;
    }
}
