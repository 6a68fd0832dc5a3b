package dev.convsearch.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import dev.convsearch.domain.TextHits;
import dev.convsearch.domain.TextQuery;

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
     * With {@code textMatches} false, each search stops at its page: the matching alone.
     */
    public static Result run(Path folder, List<String[]> queries, int threads, int pageSize, boolean textMatches,
            Duration warmup, Duration window) throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new FixedStatisticsSimilarity());
            TextSearches searches = new TextSearches();
            return measure((user, query) -> search(searcher, searches, user, query, pageSize, textMatches), queries,
                    threads, warmup, window);
        }
    }

    private static void loop(Searching searching, List<String[]> queries, int threads, Duration length,
            Histogram latency, AtomicLong done) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String[] query = queries.get(Math.floorMod(next.getAndIncrement(), queries.size()));
                    long start = System.nanoTime();
                    searching.search(query[0], TextQuery.parse(query[1]));
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

    /** A conversation of the corpus: its user, title and events' texts. */
    public record Conversation(String userId, String title, List<String> events) {
    }

    /**
     * The baseline: one document per conversation (its title, and its events' texts as one field, stored with
     * offsets as the service's index keeps them, for the baseline with highlighting), the same analyzer chain, Lucene's
     * own BM25. Writes it to {@code folder}, merged into one segment, for {@link #runConversationDocs}.
     */
    public static void buildConversationDocs(Path folder, List<Conversation> corpus) throws IOException {
        try (Directory directory = FSDirectory.open(folder);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.forIndexing())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(64))) {
            for (Conversation conversation : corpus) {
                Document document = new Document();
                document.add(new StringField(IndexedTexts.USER, conversation.userId(), Field.Store.NO));
                document.add(new TextField(IndexedTexts.TITLE, conversation.title(), Field.Store.NO));
                for (String event : conversation.events()) {
                    document.add(new Field(IndexedTexts.TEXT, event, IndexedTexts.EVENT_TEXT));
                }
                writer.addDocument(document);
            }
            writer.forceMerge(1);
        }
    }

    /**
     * Runs {@code queries} on the index of {@link #buildConversationDocs} as {@link #run} runs them: a query is every
     * word or phrase in the text or the title, the user as a filter, and the best {@code pageSize} by Lucene's top-k
     * (block-max WAND). With {@code passages} above 0, each of the page's conversations then gets its best
     * {@code passages} passages of event text from Lucene's {@link UnifiedHighlighter} (offsets from the postings,
     * every event's text read whole); with 0, no text matches.
     */
    public static Result runConversationDocs(Path folder, List<String[]> queries, int threads, int pageSize,
            int passages, Duration warmup, Duration window) throws Exception {
        try (Directory directory = FSDirectory.open(folder); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, TextAnalysis.forIndexing())
                    .withMaxLength(Integer.MAX_VALUE - 1).build();
            TextQueries clauses = new TextQueries();
            Searching topK = (user, query) -> {
                BooleanQuery.Builder all = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(IndexedTexts.USER, user)), Occur.FILTER);
                for (TextQueries.Clause clause : clauses.clauses(query)) {
                    all.add(new BooleanQuery.Builder().add(clause.text(), Occur.SHOULD)
                            .add(clause.title(), Occur.SHOULD).build(), Occur.MUST);
                }
                Query conversations = all.build();
                TopDocs page = searcher.search(conversations, pageSize);
                if (passages > 0) {
                    highlighter.highlight(IndexedTexts.TEXT, conversations, page, passages);
                }
            };
            return measure(topK, queries, threads, warmup, window);
        }
    }

    /** A warm-up of {@code searching}, then the measured window. */
    private static Result measure(Searching searching, List<String[]> queries, int threads, Duration warmup,
            Duration window) throws Exception {
        loop(searching, queries, threads, warmup, new Histogram(3_600_000_000L, 3), new AtomicLong());
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        loop(searching, queries, threads, window, latency, done);
        return new Result(done.get(), (System.nanoTime() - start) / 1e9, latency);
    }

    /** One search of a user's. */
    @FunctionalInterface
    private interface Searching {
        void search(String user, TextQuery query) throws IOException;
    }

    /** Every match, the best {@code pageSize} of them, and (with {@code textMatches}) their text matches. */
    private static void search(IndexSearcher searcher, TextSearches searches, String user, TextQuery query,
            int pageSize, boolean textMatches) throws IOException {
        TextHits found = searches.find(searcher, user, query);
        List<String> page = best(found, pageSize);
        if (textMatches) {
            searches.textMatches(searcher, user, query, page, 3);
        }
    }

    /**
     * The best {@code pageSize} of {@code found}, best first: kept in a bounded heap, as the service takes a page
     * without ordering every match (a sort of all of them cost a long history's 1-word search a third of a
     * millisecond more than the service pays).
     */
    static List<String> best(TextHits found, int pageSize) {
        PriorityQueue<Integer> worstFirst = new PriorityQueue<>(pageSize + 1, (a, b) -> found.compare(b, a));
        for (int i = 0; i < found.size(); i++) {
            if (worstFirst.size() < pageSize) {
                worstFirst.add(i);
            } else if (found.compare(i, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(i);
            }
        }
        return worstFirst.stream().sorted(found::compare).map(found::id).toList();
    }
}
