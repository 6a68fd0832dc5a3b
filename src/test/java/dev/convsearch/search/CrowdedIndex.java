package dev.convsearch.search;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import dev.convsearch.domain.KeptText;
import dev.convsearch.domain.TextHits;
import dev.convsearch.domain.TextIndex.IndexState;
import dev.convsearch.domain.TextQuery;

/**
 * The crowd benchmark's index side (scripts/crowd-bench.sh): an index folder written by the service's own
 * {@link LuceneTextIndex}, merged into one segment, and one user's searches with q on it in the calling thread (every
 * match, the best page, its text matches), with the CPU time and the bytes each search allocates.
 */
public final class CrowdedIndex implements AutoCloseable {

    /** What a run of searches cost, each on average. */
    public record Cost(double cpuMillis, double allocatedKb) {
    }

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final TextSearches searches = new TextSearches();

    private CrowdedIndex(Path folder) throws IOException {
        directory = FSDirectory.open(folder);
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new FixedStatisticsSimilarity());
    }

    /** Writes {@code texts} to a new index in {@code folder} as the service does, merged into one segment. */
    public static void build(Path folder, Iterator<KeptText> texts) throws IOException {
        LuceneTextIndex index = new LuceneTextIndex(new SearchIndexFolder(folder), Duration.ZERO);
        index.open().await().indefinitely();
        List<KeptText> batch = new ArrayList<>();
        while (texts.hasNext()) {
            batch.add(texts.next());
            if (batch.size() == 1000 || !texts.hasNext()) {
                index.keep(batch).await().indefinitely();
                batch = new ArrayList<>();
            }
        }
        index.commit(new IndexState(Instant.now(), "crowd-bench")).await().indefinitely();
        index.close();
        // one segment, whatever the service's merge would keep apart: the two folders compare one with one
        try (Directory directory = FSDirectory.open(folder);
                IndexWriter writer = LuceneTextIndex.writer(directory, folder)) {
            writer.forceMerge(1);
            writer.commit(); // the service's writer does not commit on close
        }
    }

    /** The index in {@code folder}, open for searches. */
    public static CrowdedIndex open(Path folder) throws IOException {
        return new CrowdedIndex(folder);
    }

    /** The index's segments: the benchmark compares one segment with one. */
    public int segments() {
        return reader.leaves().size();
    }

    /**
     * Runs {@code searches} of {@code queries} (user id and q, in turn) in this thread: every match, the best
     * {@code pageSize} by score, and their text matches (up to 3 events each), as the service's index does for a page.
     *
     * @return the CPU time and allocation of a search
     * @throws IllegalStateException when no search matched anything (the queries do not fit the corpus)
     */
    public Cost run(List<String[]> queries, int searches, int pageSize) throws IOException {
        long thread = Thread.currentThread().getId();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getThreadAllocatedBytes(thread);
        long matched = 0;
        for (int i = 0; i < searches; i++) {
            String[] query = queries.get(i % queries.size());
            TextQuery q = TextQuery.parse(query[1]);
            TextHits found = this.searches.find(searcher, query[0], q);
            List<String> page = LuceneAlone.best(found, pageSize);
            matched += found.size() + this.searches.textMatches(searcher, query[0], q, page, 3).size();
        }
        double cpuMillis = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / searches;
        double kb = (THREADS.getThreadAllocatedBytes(thread) - allocated) / 1024.0 / searches;
        if (matched == 0) {
            throw new IllegalStateException("no search matched anything: the queries do not fit the corpus");
        }
        return new Cost(cpuMillis, kb);
    }

    /**
     * Each of {@code queries}' matches with their relevance, and the text matches of its best {@code pageSize} (of
     * equally relevant ones, the lower ids: the service orders those by their last update, which the index does not
     * hold), to compare two folders' answers.
     */
    public List<Object> answers(List<String[]> queries, int pageSize) throws IOException {
        List<Object> answers = new ArrayList<>();
        for (String[] query : queries) {
            TextQuery q = TextQuery.parse(query[1]);
            TextHits found = searches.find(searcher, query[0], q);
            List<String> page = IntStream.range(0, found.size()).boxed()
                    .sorted(Comparator.<Integer, Integer> comparing(i -> i, found::compare).thenComparing(found::id))
                    .limit(pageSize).map(found::id).toList();
            answers.add(List.of(found.matches(), searches.textMatches(searcher, query[0], q, page, 3)));
        }
        return answers;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
