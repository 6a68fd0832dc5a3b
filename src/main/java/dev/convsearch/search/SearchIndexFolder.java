package dev.convsearch.search;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.convsearch.config.ConvsearchConfig;
import dev.convsearch.embedded.EmbeddedMongo;

/**
 * Where the search index lives: {@code convsearch.search.index-dir} when set (a folder named); else beside the embedded
 * database ({@code data/search-index}, as private as the data folder), or with MongoDB in the temporary folder. The
 * index is derived (each process builds its own from MongoDB, and keeps it across restarts when the folder outlives
 * them), and a folder holds the index of one process at a time: with MongoDB and no folder named, a process takes the
 * first of {@code convsearch-search-index}, {@code convsearch-search-index-2}, ... that no other process holds, so
 * several processes on one machine (two replicas, a test beside a running service) each have their own.
 */
@Singleton
public class SearchIndexFolder {

    /** How many folders of the temporary folder a process tries before it gives up. */
    static final int SLOTS = 64;

    private final List<Path> candidates;
    private final boolean named;

    @Inject
    public SearchIndexFolder(ConvsearchConfig config, EmbeddedMongo embedded) {
        this(config.search().indexDir().map(dir -> List.of(Path.of(dir)))
                .orElseGet(() -> embedded.active() ? List.of(embedded.dataDir().resolve("search-index"))
                        : temporarySlots()),
                config.search().indexDir().isPresent());
    }

    /** The folder {@code path}, named (the index of one test). */
    public SearchIndexFolder(Path path) {
        this(List.of(path), true);
    }

    SearchIndexFolder(List<Path> candidates, boolean named) {
        this.candidates = candidates.stream().map(Path::toAbsolutePath).toList();
        this.named = named;
    }

    private static List<Path> temporarySlots() {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        return IntStream.rangeClosed(1, SLOTS)
                .mapToObj(slot -> temporary.resolve("convsearch-search-index" + (slot == 1 ? "" : "-" + slot)))
                .toList();
    }

    /** The folders the index may take, in the order to try them: one when a folder was named. */
    public List<Path> candidates() {
        return candidates;
    }

    /** Whether the operator named the folder ({@code convsearch.search.index-dir}), or it was the embedded default. */
    public boolean named() {
        return named;
    }

    /** The message of a folder another process holds, as the process stops: the folder, and the setting to change. */
    String heldByAnother(Path folder) {
        return "another convsearch is using the search index in " + folder
                + "; stop it or set CONVSEARCH_SEARCH_INDEX_DIR to a folder of this process's own";
    }
}
