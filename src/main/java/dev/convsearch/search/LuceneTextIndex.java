package dev.convsearch.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;

import dev.convsearch.api.TextMatch;
import dev.convsearch.domain.KeptText;
import dev.convsearch.domain.TextIndex;
import dev.convsearch.domain.TextQuery;
import dev.convsearch.domain.TextRelevance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The text index on Apache Lucene, in a folder of its own ({@link SearchIndexFolder}). One Lucene document per kept
 * text: an event's text (indexed and stored, for the fragments) or a conversation's title, each with its user,
 * conversation and the time it was written. Every search is filtered to one user, so no user's texts are ever matched,
 * counted or shown for another. Its work runs on its own threads, as many as there are processors.
 * <p>
 * A conversation matches a query when each of the query's words and phrases is in its title or in one of its events:
 * one pass over the index for each, summed per conversation. A word or phrase scores by BM25 on the text or the title
 * that holds it best (with {@link FixedStatisticsSimilarity}), weighted by how rare it is among the user's own
 * conversations; a title's match counts {@value #TITLE_WEIGHT} times an event's.
 */
@ApplicationScoped
public class LuceneTextIndex implements TextIndex {

    static final String KEY = "key";
    static final String USER = "user";
    static final String CONVERSATION = "conversation";
    static final String KIND = "kind";
    static final String TEXT = "text";
    static final String TITLE = "title";
    static final String EVENT_ID = "event_id";
    static final String SOURCE = "source";
    static final String TIMESTAMP = "timestamp";
    static final String WRITTEN_AT = "written_at";
    private static final String COMPLETE = "complete";
    private static final String DATABASE = "database";
    private static final float TITLE_WEIGHT = 2f;
    /** Longer than any kept text (16 KB of UTF-8 is at most 16 384 chars): the highlighter reads it all. */
    static final int MAX_HIGHLIGHTED_CHARS = KeptText.MAX_TEXT_BYTES + 1;

    private static final Logger LOG = Logger.getLogger(LuceneTextIndex.class);

    private final SearchIndexFolder folder;
    private final TextQueries queries = new TextQueries();
    private final ExecutorService executor;
    /** How many writes were made, and up to which of them the searcher shows. */
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong visible = new AtomicLong();
    private final AtomicLong indexedEvents = new AtomicLong();
    private volatile Opened opened;
    private volatile boolean caughtUp;

    /** The open index: its folder, its writer, and the searchers made from it. */
    private record Opened(Directory directory, IndexWriter writer, SearcherManager searchers) {
    }

    public LuceneTextIndex(SearchIndexFolder folder) {
        this.folder = folder;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                task -> {
                    Thread thread = new Thread(task, "search-index-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public Uni<Void> open() {
        return run(() -> {
            if (opened != null) {
                return null;
            }
            try {
                Path path = folder.path();
                Files.createDirectories(path);
                Directory directory = FSDirectory.open(path);
                IndexWriterConfig config = new IndexWriterConfig(TextAnalysis.forIndexing())
                        .setSimilarity(new FixedStatisticsSimilarity())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                        .setRAMBufferSizeMB(16);
                IndexWriter writer = new IndexWriter(directory, config);
                SearcherManager searchers = new SearcherManager(writer, new SearcherFactory() {
                    @Override
                    public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
                            org.apache.lucene.index.IndexReader previous) {
                        IndexSearcher searcher = new IndexSearcher(reader);
                        searcher.setSimilarity(new FixedStatisticsSimilarity());
                        return searcher;
                    }
                });
                opened = new Opened(directory, writer, searchers);
                LOG.infof("Search index open in %s", path);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the search index in " + folder.path(), e);
            }
        });
    }

    @Override
    public boolean isOpen() {
        return opened != null;
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
    public Uni<Void> keep(List<KeptText> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return run(() -> {
            IndexWriter writer = index().writer();
            for (KeptText text : texts) {
                writer.updateDocument(new Term(KEY, key(text.userId(), text.conversationId(), text.eventId())),
                        document(text));
            }
            indexedEvents.addAndGet(texts.stream().filter(text -> !text.isTitle()).count());
            written.incrementAndGet();
            return null;
        });
    }

    @Override
    public Uni<Void> forget(String userId, String conversationId, Instant upTo) {
        return run(() -> {
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
        return run(() -> {
            index().writer().deleteAll();
            written.incrementAndGet();
            return null;
        });
    }

    @Override
    public IndexState state() {
        try {
            Opened index = index();
            if (!DirectoryReader.indexExists(index.directory())) {
                return new IndexState(null, null);
            }
            Map<String, String> data = SegmentInfos.readLatestCommit(index.directory()).getUserData();
            String complete = data.get(COMPLETE);
            return new IndexState(complete == null ? null : Instant.ofEpochMilli(Long.parseLong(complete)),
                    data.get(DATABASE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Uni<Void> commit(IndexState state) {
        return run(() -> {
            IndexWriter writer = index().writer();
            Map<String, String> data = new HashMap<>();
            if (state.complete() != null) {
                data.put(COMPLETE, Long.toString(state.complete().toEpochMilli()));
            }
            if (state.databaseId() != null) {
                data.put(DATABASE, state.databaseId());
            }
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            return null;
        });
    }

    @Override
    public Uni<Map<String, TextRelevance>> find(String userId, TextQuery query) {
        return run(() -> {
            List<TextQueries.Clause> clauses = queries.clauses(query);
            if (clauses.isEmpty()) {
                return Map.of();
            }
            IndexSearcher searcher = acquire();
            try {
                Query user = new TermQuery(new Term(USER, userId));
                List<Map<String, float[]>> perClause = new ArrayList<>();
                for (TextQueries.Clause clause : clauses) {
                    Map<String, float[]> best = new HashMap<>();
                    collect(searcher, filtered(user, clause.text()), best, 0);
                    collect(searcher, filtered(user, clause.title()), best, 1);
                    perClause.add(best);
                }
                int conversations = searcher.count(new BooleanQuery.Builder().add(user, Occur.FILTER)
                        .add(new TermQuery(new Term(KIND, KeptText.TITLE)), Occur.FILTER).build());
                return relevance(perClause, conversations);
            } finally {
                release(searcher);
            }
        });
    }

    @Override
    public Uni<Map<String, List<TextMatch>>> textMatches(String userId, TextQuery query, List<String> conversationIds,
            int perConversation) {
        return run(() -> {
            List<TextQueries.Clause> clauses = queries.clauses(query);
            if (clauses.isEmpty() || conversationIds.isEmpty()) {
                return Map.of();
            }
            BooleanQuery.Builder anyClause = new BooleanQuery.Builder();
            clauses.forEach(clause -> anyClause.add(clause.text(), Occur.SHOULD));
            Query matching = anyClause.build();
            Query events = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(USER, userId)), Occur.FILTER)
                    .add(new TermInSetQuery(CONVERSATION, conversationIds.stream().map(BytesRef::new).toList()),
                            Occur.FILTER)
                    .add(matching, Occur.MUST).build();
            IndexSearcher searcher = acquire();
            try {
                Map<String, List<ScoredDoc>> best = bestPerConversation(searcher, events, perConversation);
                return textMatches(searcher, matching, best);
            } finally {
                release(searcher);
            }
        });
    }

    /** A hit: its document number in the whole index and its score. */
    private record ScoredDoc(int doc, float score) {
    }

    private Map<String, List<ScoredDoc>> bestPerConversation(IndexSearcher searcher, Query query, int perConversation)
            throws IOException {
        Map<String, PriorityQueue<ScoredDoc>> best = new HashMap<>();
        searcher.search(query, new PerConversationCollector() {
            @Override
            void hit(String conversationId, int doc, float score) {
                PriorityQueue<ScoredDoc> top = best.computeIfAbsent(conversationId,
                        id -> new PriorityQueue<>(Comparator.comparingDouble(ScoredDoc::score)));
                top.add(new ScoredDoc(doc, score));
                if (top.size() > perConversation) {
                    top.poll();
                }
            }
        });
        Map<String, List<ScoredDoc>> sorted = new HashMap<>();
        best.forEach((id, top) -> sorted.put(id, top.stream()
                .sorted(Comparator.comparingDouble(ScoredDoc::score).reversed().thenComparingInt(ScoredDoc::doc))
                .toList()));
        return sorted;
    }

    private Map<String, List<TextMatch>> textMatches(IndexSearcher searcher, Query matching,
            Map<String, List<ScoredDoc>> best) throws IOException {
        List<ScoredDoc> all = best.values().stream().flatMap(List::stream).toList();
        int[] docs = all.stream().mapToInt(ScoredDoc::doc).toArray();
        Map<Integer, Fragments.Fragment> fragments = new Highlighter(searcher).fragments(matching, docs);
        Map<String, List<TextMatch>> matches = new HashMap<>();
        for (Map.Entry<String, List<ScoredDoc>> conversation : best.entrySet()) {
            List<TextMatch> found = new ArrayList<>();
            for (ScoredDoc hit : conversation.getValue()) {
                Fragments.Fragment fragment = fragments.get(hit.doc());
                Document stored = searcher.storedFields().document(hit.doc());
                Number timestamp = stored.getField(TIMESTAMP) == null ? null
                        : stored.getField(TIMESTAMP).numericValue();
                found.add(new TextMatch(stored.get(EVENT_ID), stored.get(SOURCE),
                        timestamp == null ? null : Instant.ofEpochMilli(timestamp.longValue()),
                        fragment == null ? "" : fragment.text(), fragment == null ? List.of() : fragment.matches()));
            }
            matches.put(conversation.getKey(), found);
        }
        return matches;
    }

    /** The conversations that hold every clause (in an event or the title), with their relevance. */
    private static Map<String, TextRelevance> relevance(List<Map<String, float[]>> perClause, int conversations) {
        Map<String, TextRelevance> relevance = new HashMap<>();
        Map<String, float[]> first = perClause.get(0);
        for (String conversationId : first.keySet()) {
            float score = 0;
            int titleClauses = 0;
            boolean all = true;
            for (Map<String, float[]> clause : perClause) {
                float[] best = clause.get(conversationId);
                if (best == null) {
                    all = false;
                    break;
                }
                float idf = (float) Math.log(1 + (conversations - clause.size() + 0.5) / (clause.size() + 0.5));
                score += Math.max(idf, 0.01f) * (best[0] + TITLE_WEIGHT * best[1]);
                titleClauses += best[1] > 0 ? 1 : 0;
            }
            if (all) {
                relevance.put(conversationId, new TextRelevance(titleClauses, score));
            }
        }
        return relevance;
    }

    /** For every conversation {@code query} hits, its best score at {@code slot} (0: events, 1: the title). */
    private static void collect(IndexSearcher searcher, Query query, Map<String, float[]> best, int slot)
            throws IOException {
        searcher.search(query, new PerConversationCollector() {
            @Override
            void hit(String conversationId, int doc, float score) {
                float[] scores = best.computeIfAbsent(conversationId, id -> new float[2]);
                scores[slot] = Math.max(scores[slot], score);
            }
        });
    }

    private static Query filtered(Query user, Query clause) {
        return new BooleanQuery.Builder().add(user, Occur.FILTER).add(clause, Occur.MUST).build();
    }

    /** Collects every hit with its conversation's id, read once per segment and conversation. */
    private abstract static class PerConversationCollector extends SimpleCollector {
        private SortedDocValues conversations;
        private String[] ids;
        private Scorable scorer;
        private int docBase;

        abstract void hit(String conversationId, int doc, float score);

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            conversations = context.reader().getSortedDocValues(CONVERSATION);
            ids = conversations == null ? null : new String[conversations.getValueCount()];
            docBase = context.docBase;
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (conversations == null || !conversations.advanceExact(doc)) {
                return;
            }
            int ord = conversations.ordValue();
            if (ids[ord] == null) {
                ids[ord] = conversations.lookupOrd(ord).utf8ToString();
            }
            hit(ids[ord], docBase + doc, scorer.score());
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }

    private static Document document(KeptText text) {
        Document document = new Document();
        document.add(new StringField(KEY, key(text.userId(), text.conversationId(), text.eventId()), Field.Store.NO));
        document.add(new StringField(USER, text.userId(), Field.Store.NO));
        document.add(new StringField(CONVERSATION, text.conversationId(), Field.Store.NO));
        document.add(new SortedDocValuesField(CONVERSATION, new BytesRef(text.conversationId())));
        document.add(new LongPoint(WRITTEN_AT, text.writtenAt().toEpochMilli()));
        if (text.isTitle()) {
            document.add(new StringField(KIND, KeptText.TITLE, Field.Store.NO));
            document.add(new TextField(TITLE, text.text(), Field.Store.NO));
            return document;
        }
        document.add(new TextField(TEXT, text.text(), Field.Store.YES));
        document.add(new StoredField(EVENT_ID, text.eventId()));
        if (text.source() != null) {
            document.add(new StoredField(SOURCE, text.source()));
        }
        if (text.timestamp() != null) {
            document.add(new StoredField(TIMESTAMP, text.timestamp().toEpochMilli()));
        }
        return document;
    }

    private static String key(String userId, String conversationId, String eventId) {
        return userId + '\u0000' + conversationId + '\u0000' + eventId;
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

    @PreDestroy
    void close() {
        executor.shutdown();
        Opened index = opened;
        opened = null;
        if (index != null) {
            try {
                index.searchers().close();
                index.writer().close();
                index.directory().close();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Closing the search index: %s", e.getMessage());
            }
        }
    }
}
