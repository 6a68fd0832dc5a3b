package dev.convsearch.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

import dev.convsearch.domain.TextQuery;
import dev.convsearch.domain.TextRelevance;

/**
 * The content-search benchmark's baseline, "Lucene alone": the searches the service's text index makes for a search
 * with q (every match of the user, the best page of them, up to 3 text matches for each), on the same index folder,
 * in this process, with no HTTP, no MongoDB, no JSON. Reads the folder's last commit.
 */
public final class LuceneAlone {

    /** What a run measured. */
    public record Result(long queries, double seconds, Histogram latency) {
    }

    private LuceneAlone() {
    }

    /**
     * Runs {@code queries} (user id and q) round robin on {@code threads} threads: a warm-up, then the measured window.
     */
    public static Result run(Path folder, List<String[]> queries, int threads, int pageSize, Duration warmup,
            Duration window) throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new FixedStatisticsSimilarity());
            TextSearches searches = new TextSearches();
            loop(searcher, searches, queries, threads, pageSize, warmup, new Histogram(3_600_000_000L, 3),
                    new AtomicLong());
            Histogram latency = new Histogram(3_600_000_000L, 3);
            AtomicLong done = new AtomicLong();
            long start = System.nanoTime();
            loop(searcher, searches, queries, threads, pageSize, window, latency, done);
            return new Result(done.get(), (System.nanoTime() - start) / 1e9, latency);
        }
    }

    private static void loop(IndexSearcher searcher, TextSearches searches, List<String[]> queries, int threads,
            int pageSize, Duration length, Histogram latency, AtomicLong done) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String[] query = queries.get(Math.floorMod(next.getAndIncrement(), queries.size()));
                    long start = System.nanoTime();
                    search(searcher, searches, query[0], TextQuery.parse(query[1]), pageSize);
                    synchronized (latency) {
                        latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    /** Every match, the best {@code pageSize} of them, and their text matches. */
    private static void search(IndexSearcher searcher, TextSearches searches, String user, TextQuery query,
            int pageSize) throws IOException {
        Map<String, TextRelevance> found = searches.find(searcher, user, query).matches();
        List<String> page = found.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, TextRelevance> e) -> e.getValue().titleClauses())
                        .thenComparing(e -> e.getValue().score()).reversed())
                .limit(pageSize).map(Map.Entry::getKey).toList();
        searches.textMatches(searcher, user, query, page, 3);
    }
}
