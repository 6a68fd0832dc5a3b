package dev.convsearch.search;

import static dev.convsearch.search.IndexedTexts.CONVERSATION;
import static dev.convsearch.search.IndexedTexts.LAYOUT;
import static dev.convsearch.search.IndexedTexts.USER;
import static dev.convsearch.search.IndexedTexts.WRITTEN_AT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.jboss.logging.Logger;

import dev.convsearch.api.TextMatch;
import dev.convsearch.domain.KeptText;
import dev.convsearch.domain.TextHits;
import dev.convsearch.domain.TextIndex;
import dev.convsearch.domain.TextQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The text index on Apache Lucene, in a folder of its own ({@link SearchIndexFolder}): one Lucene document per kept
 * text ({@link IndexedTexts}). Every search is filtered to one user, so no user's texts are ever matched,
 * counted or shown for another. Its work runs on its own threads, as many as there are processors.
 * The searches themselves are {@link TextSearches}'.
 */
@ApplicationScoped
public class LuceneTextIndex implements TextIndex {

    private static final String COMPLETE = "complete";
    private static final String DATABASE = "database";
    /** In the commit a clean close makes, and only there: see {@link IndexState#closedCleanly()}. */
    private static final String CLOSED_CLEANLY = "closed_cleanly";
    /**
     * How long the index goes without a write to be quiet: it then merges whenever a merge is worth it, instead of
     * spending at most a tenth of the time on merges (see {@link #mergeIfWorthIt}).
     */
    static final Duration QUIET = Duration.ofSeconds(10);
    /** How often the index looks whether a merge is worth it. */
    static final Duration LOOK = Duration.ofSeconds(1);
    /** While writes come, the index merges for at most one part in this of the time. */
    static final int BUSY_MERGE_SHARE = 10;
    private static final Logger LOG = Logger.getLogger(LuceneTextIndex.class);

    private final SearchIndexFolder folder;
    private final TextSearches searches = new TextSearches();
    private final ExecutorService executor;
    /** Looks every {@link #LOOK} whether a merge is worth it ({@link #mergeIfWorthIt}). */
    private final ScheduledExecutorService merger;
    /** How many writes were made, and up to which of them the searcher shows. */
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong visible = new AtomicLong();
    private final AtomicLong indexedEvents = new AtomicLong();
    /** When the last keep, forget or clear was asked ({@link System#nanoTime()}). */
    private volatile long lastWrite = System.nanoTime();
    /** From when a merge may run while writes come: after a merge that took d, 9 d later ({@link System#nanoTime()}). */
    private volatile long busyMergeAllowedAt = System.nanoTime();
    private volatile Opened opened;
    private volatile boolean caughtUp;
    private volatile boolean missedWrites;
    /** Set when closing begins; a keep or forget asked after it makes the close unclean. */
    private volatile boolean closing;
    private volatile boolean askedWhileClosing;
    /** What the last commit recorded when the index was opened. */
    private volatile IndexState openedState;
    /** What the last commit of this process recorded (a clean close records it again). */
    private volatile Map<String, String> committed = Map.of();

    /**
     * The open index: its folder, its writer, the searchers made from it, and whether it is in {@link #LAYOUT} (a
     * folder of an earlier version is not, and its documents have no user doc values, which Lucene then refuses).
     */
    private record Opened(Directory directory, IndexWriter writer, SearcherManager searchers) {

        boolean laidOut() {
            return writer.getConfig().getIndexSort() != null;
        }
    }

    @Inject
    public LuceneTextIndex(SearchIndexFolder folder) {
        this(folder, LOOK);
    }

    /** An index that looks every {@code look} whether a merge is worth it; never when {@code look} is zero (tests). */
    LuceneTextIndex(SearchIndexFolder folder, Duration look) {
        this.folder = folder;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                task -> {
                    Thread thread = new Thread(task, "search-index-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.merger = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "search-index-merge");
            thread.setDaemon(true);
            return thread;
        });
        if (!look.isZero()) {
            merger.scheduleWithFixedDelay(this::lookForAMerge, look.toMillis(), look.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Uni<Void> open() {
        return run(() -> {
            if (opened != null) {
                return null;
            }
            Path path = null;
            try {
                SearchIndexCodec.register();
                Directory directory = null;
                IndexWriter writer = null;
                for (Path candidate : folder.candidates()) {
                    path = candidate;
                    Files.createDirectories(path);
                    directory = FSDirectory.open(path);
                    try {
                        writer = writer(directory, path);
                        break;
                    } catch (LockObtainFailedException held) {
                        directory.close();
                        if (folder.named() || candidate.equals(folder.candidates().get(folder.candidates().size() - 1))) {
                            throw new FolderHeld(folder.heldByAnother(candidate));
                        }
                        LOG.debugf("The search index in %s is held by another process; trying the next folder", path);
                    }
                }
                SearcherManager searchers = new SearcherManager(writer, new SearcherFactory() {
                    @Override
                    public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                        IndexSearcher searcher = new IndexSearcher(reader);
                        searcher.setSimilarity(new FixedStatisticsSimilarity());
                        return searcher;
                    }
                });
                Map<String, String> last = DirectoryReader.indexExists(directory)
                        ? SegmentInfos.readLatestCommit(directory).getUserData()
                        : Map.of();
                openedState = state(last);
                if (openedState.closedCleanly()) {
                    // from now on only a clean close may say so again: a kill -9 must not read as one
                    commit(writer, withoutCleanClose(last));
                }
                opened = new Opened(directory, writer, searchers);
                LOG.infof("Search index open in %s", path);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the search index in " + path, e);
            }
        });
    }

    /**
     * The index's writer, its documents kept in {@link #LAYOUT}. A folder an earlier version wrote in the order
     * documents came is kept as it is (it answers the same, only slower): it takes the layout when it is built anew
     * (delete the folder and the start builds it from MongoDB), never at a start that was not asked to.
     */
    static IndexWriter writer(Directory directory, Path path) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(TextAnalysis.forIndexing())
                .setSimilarity(new FixedStatisticsSimilarity())
                .setCodec(new SearchIndexCodec())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(16)
                .setCommitOnClose(false); // close() commits first itself
        if (inEarlierLayout(directory)) { // Lucene refuses a writer that would change an index's order
            LOG.infof("The search index in %s was written by an earlier version in the order its texts came: it is "
                    + "used as it is; delete the folder to have it built anew from MongoDB, by user and "
                    + "conversation, which makes a search with q faster", path);
            return new IndexWriter(directory, config);
        }
        return new IndexWriter(directory, config.setIndexSort(LAYOUT));
    }

    /** Whether the folder's last commit has a segment whose documents are not in {@link #LAYOUT}. */
    private static boolean inEarlierLayout(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return false;
        }
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
            if (!LAYOUT.equals(segment.info.getIndexSort())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isOpen() {
        return opened != null;
    }

    @Override
    public boolean missedWrites() {
        return missedWrites;
    }

    @Override
    public boolean ready() {
        return caughtUp && opened != null;
    }

    @Override
    public void caughtUp() {
        caughtUp = true;
    }

    @Override
    public long indexedEvents() {
        return indexedEvents.get();
    }

    @Override
    public long sizeOnDisk() {
        Opened index = opened;
        if (index == null) {
            return 0;
        }
        long size = 0;
        try {
            for (String file : index.directory().listAll()) {
                try {
                    size += index.directory().fileLength(file);
                } catch (IOException gone) {
                    // merged away while listed
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return size;
    }

    @Override
    public int segments() {
        if (opened == null) {
            return 0;
        }
        try {
            return segmentSizes(false).size();
        } catch (IOException | RuntimeException closed) {
            return 0;
        }
    }

    @Override
    public Uni<Void> keep(List<KeptText> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return write(() -> {
            Opened index = index();
            for (KeptText text : texts) {
                index.writer().updateDocument(IndexedTexts.key(text), IndexedTexts.document(text, index.laidOut()));
            }
            indexedEvents.addAndGet(texts.stream().filter(text -> !text.isTitle()).count());
            written.incrementAndGet();
            return null;
        });
    }

    @Override
    public Uni<Void> forget(String userId, String conversationId, Instant upTo) {
        return write(() -> {
            index().writer().deleteDocuments(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(USER, userId)), Occur.FILTER)
                    .add(new TermQuery(new Term(CONVERSATION, conversationId)), Occur.FILTER)
                    .add(LongPoint.newRangeQuery(WRITTEN_AT, Long.MIN_VALUE, upTo.toEpochMilli()), Occur.FILTER)
                    .build());
            written.incrementAndGet();
            return null;
        });
    }

    @Override
    public Uni<Void> clear() {
        lastWrite = System.nanoTime();
        return run(() -> {
            index().writer().deleteAll();
            written.incrementAndGet();
            return null;
        });
    }

    @Override
    public IndexState state() {
        index();
        return openedState;
    }

    private static IndexState state(Map<String, String> data) {
        String complete = data.get(COMPLETE);
        return new IndexState(complete == null ? null : Instant.ofEpochMilli(Long.parseLong(complete)),
                data.get(DATABASE), Boolean.parseBoolean(data.get(CLOSED_CLEANLY)));
    }

    private static Map<String, String> withoutCleanClose(Map<String, String> data) {
        Map<String, String> without = new HashMap<>(data);
        without.remove(CLOSED_CLEANLY);
        return without;
    }

    @Override
    public Uni<Void> commit(IndexState state) {
        return run(() -> {
            Map<String, String> data = new HashMap<>();
            if (state.complete() != null) {
                data.put(COMPLETE, Long.toString(state.complete().toEpochMilli()));
            }
            if (state.databaseId() != null) {
                data.put(DATABASE, state.databaseId());
            }
            commit(index().writer(), data);
            return null;
        });
    }

    private void commit(IndexWriter writer, Map<String, String> data) throws IOException {
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        committed = Map.copyOf(data);
    }

    @Override
    public Uni<TextHits> find(String userId, TextQuery query) {
        return run(() -> {
            IndexSearcher searcher = acquire();
            try {
                return searches.find(searcher, userId, query);
            } finally {
                release(searcher);
            }
        });
    }

    @Override
    public Uni<Map<String, List<TextMatch>>> textMatches(String userId, TextQuery query, List<String> conversationIds,
            int perConversation) {
        return run(() -> {
            IndexSearcher searcher = acquire();
            try {
                return searches.textMatches(searcher, userId, query, conversationIds, perConversation);
            } finally {
                release(searcher);
            }
        });
    }

    /** The scheduled look of {@link #mergeIfWorthIt}: a failure is logged, and the next look tries again. */
    private void lookForAMerge() {
        try {
            mergeIfWorthIt(QUIET);
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                LOG.warnf("Merging the search index's segments: %s", e.getMessage());
            }
        }
    }

    /**
     * Merges the index's segments as {@link #keptByTheMergeWorthIt} says, when the index has had no write for
     * {@code quiet}, and otherwise when merges so far took at most one part in {@link #BUSY_MERGE_SHARE} of the time.
     * A search with q looks every word up and reads each user's run in each segment: on the benchmark's 10 users, the
     * 10 segments its load leaves cost a search twice the index work of one, and a live feed (a few writes a second,
     * each made visible to the next search in a segment of its own) leaves 13-17. Lucene's own merges keep about ten
     * segments a size tier, the right trade for writes; an index that is searched more than written is better merged.
     * Searches and writes go on meanwhile, on the segments they started with.
     *
     * @return how many segments it merged into one (0: none)
     */
    int mergeIfWorthIt(Duration quiet) throws IOException {
        Opened index = opened;
        long start = System.nanoTime();
        boolean quietNow = start - lastWrite >= quiet.toNanos();
        if (index == null || closing || !quietNow && start < busyMergeAllowedAt) {
            return 0;
        }
        // while writes come, the segments searches read now: with no search, merging helps nobody yet
        List<Long> sizes = segmentSizes(quietNow);
        sizes.sort(Collections.reverseOrder());
        double mostMB = ((TieredMergePolicy) index.writer().getConfig().getMergePolicy()).getMaxMergedSegmentMB();
        int kept = keptByTheMergeWorthIt(sizes, (long) (mostMB * 1024 * 1024));
        if (kept < 0) {
            return 0;
        }
        index.writer().forceMerge(kept + 1); // the merge policy then merges all but the kept largest into one
        index.searchers().maybeRefreshBlocking();
        long took = System.nanoTime() - start;
        busyMergeAllowedAt = System.nanoTime() + took * (BUSY_MERGE_SHARE - 1);
        long merged = sizes.subList(kept, sizes.size()).stream().mapToLong(Long::longValue).sum();
        // a small index merges after most writes: only a merge that took a while is worth a line
        LOG.logf(took >= 1_000_000_000L ? Logger.Level.INFO : Logger.Level.DEBUG,
                "Merged %d of the search index's %d segments (%d MB) into one in %d ms", sizes.size() - kept,
                sizes.size(), merged >> 20, took / 1_000_000);
        return sizes.size() - kept;
    }

    /**
     * How many of the largest segments of {@code sizes} (largest first) to keep as they are while all the others are
     * merged into one: the fewest such that the smaller of the others hold at least a tenth of the largest of them,
     * together; -1 when no merge is worth it, or the whole is over {@code mostBytes} (the largest segment the merge
     * policy makes). A merge then rewrites at most about eleven times what was written since the one before it at
     * that size, and the segments left are each more than ten times all the smaller ones (between 140 MB and the few
     * KB of a write there is room for about five).
     */
    static int keptByTheMergeWorthIt(List<Long> sizes, long mostBytes) {
        long rest = sizes.stream().mapToLong(Long::longValue).sum();
        if (rest > mostBytes) {
            return -1;
        }
        for (int kept = 0; kept < sizes.size() - 1; kept++) {
            rest -= sizes.get(kept);
            if (rest >= sizes.get(kept) / 10) {
                return kept;
            }
        }
        return -1;
    }

    /** The size of each segment a search reads now, in bytes. */
    List<Long> segmentSizes() throws IOException {
        return segmentSizes(true);
    }

    /**
     * The size of each segment a search reads, in bytes, in a new list: after every write made before this call
     * ({@code current}), or as the last search or merge left them.
     */
    private List<Long> segmentSizes(boolean current) throws IOException {
        IndexSearcher searcher = current ? acquire() : index().searchers().acquire();
        try {
            List<Long> sizes = new ArrayList<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                sizes.add(leaf.reader() instanceof SegmentReader segment ? segment.getSegmentInfo().sizeInBytes() : 0L);
            }
            return sizes;
        } finally {
            release(searcher);
        }
    }

    /** A searcher that shows every write made before this call. */
    private IndexSearcher acquire() throws IOException {
        Opened index = index();
        long writes = written.get();
        if (visible.get() < writes) {
            index.searchers().maybeRefreshBlocking();
            visible.accumulateAndGet(writes, Math::max);
        }
        return index.searchers().acquire();
    }

    private void release(IndexSearcher searcher) throws IOException {
        index().searchers().release(searcher);
    }

    private Opened index() {
        Opened index = opened;
        if (index == null) {
            throw new IllegalStateException("The search index is not open");
        }
        return index;
    }

    /**
     * Runs {@code work}, a keep or a forget, as {@link #run} does; before the index is open it only notes
     * {@link #missedWrites()}, and once it is closing it fails (and the close is not clean).
     */
    private Uni<Void> write(IndexWork<Void> work) {
        lastWrite = System.nanoTime();
        if (closing) {
            askedWhileClosing = true;
            return Uni.createFrom().failure(new IllegalStateException("The search index is closing"));
        }
        if (opened == null) {
            missedWrites = true;
            return Uni.createFrom().voidItem();
        }
        return run(work);
    }

    /**
     * Runs {@code work} on the index's threads, and goes on with its result on the Vert.x context that asked (the
     * request's), so that the index's threads only ever do the index's work.
     */
    private <T> Uni<T> run(IndexWork<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            Uni<T> done = Uni.createFrom().item((Supplier<T>) () -> {
                try {
                    return work.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).runSubscriptionOn(executor);
            return context == null ? done : done.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    @FunctionalInterface
    private interface IndexWork<T> {
        T run() throws IOException;
    }

    /**
     * Closes the index once its threads have ended their work; its last commit then says it was closed cleanly, unless
     * a keep or forget came too late for it (the follower then reads MongoDB at the next start).
     */
    @PreDestroy
    void close() {
        closing = true;
        merger.shutdown();
        executor.shutdown();
        Opened index = opened;
        if (index == null) {
            return;
        }
        try {
            boolean clean = executor.awaitTermination(30, TimeUnit.SECONDS) && !askedWhileClosing;
            opened = null;
            index.searchers().close();
            if (clean) {
                Map<String, String> data = new HashMap<>(committed);
                data.put(CLOSED_CLEANLY, "true");
                index.writer().setLiveCommitData(data.entrySet());
            }
            // commits what was written; the close then stops a merge under way instead of waiting for it
            index.writer().commit();
            index.writer().close();
            index.directory().close();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Closing the search index: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
