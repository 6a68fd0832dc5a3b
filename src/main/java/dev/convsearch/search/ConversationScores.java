package dev.convsearch.search;

import static dev.convsearch.search.LuceneTextIndex.CONVERSATION;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * The best score of each conversation in each of a query's slots (a word's or phrase's events, its title, the next
 * word's ...), gathered segment by segment. Within a segment a conversation is its doc values' ordinal: a hit costs a
 * slot of an array, and each conversation a segment holds is looked up by its id once a search, not once a hit. The
 * ids of a segment's ordinals are read once for the segment's life and shared by every search.
 */
final class ConversationScores {

    /** No hit in that slot. */
    static final float NONE = -1f;

    /** Per segment (its core, which never changes): the conversation id of each ordinal, read when first needed. */
    private static final Map<IndexReader.CacheKey, String[]> IDS = Collections.synchronizedMap(new WeakHashMap<>());

    private final int slots;
    private final Map<String, float[]> best = new HashMap<>();

    ConversationScores(int slots) {
        this.slots = slots;
    }

    /** Takes in every hit of {@code query} as slot {@code slot}: each conversation keeps its best score there. */
    void add(IndexSearcher searcher, Query query, int slot) throws IOException {
        SlotCollector collector = new SlotCollector(slot);
        searcher.search(query, collector);
        collector.mergeLeaf();
    }

    /** Each conversation with a hit in any slot, with its best score in each ({@link #NONE} where none). */
    Map<String, float[]> best() {
        return best;
    }

    private final class SlotCollector extends SimpleCollector {
        private final int slot;
        private SortedDocValues conversations;
        private String[] ids;
        private float[] leafBest;
        private int[] touched;
        private int touchedCount;
        private Scorable scorer;

        SlotCollector(int slot) {
            this.slot = slot;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            mergeLeaf();
            conversations = context.reader().getSortedDocValues(CONVERSATION);
            if (conversations == null) {
                return;
            }
            int values = conversations.getValueCount();
            IndexReader.CacheHelper core = context.reader().getCoreCacheHelper();
            ids = core == null ? new String[values] : IDS.computeIfAbsent(core.getKey(), key -> new String[values]);
            leafBest = new float[values];
            Arrays.fill(leafBest, NONE);
            touched = new int[Math.min(values, 1024)];
            touchedCount = 0;
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
            float score = scorer.score();
            if (leafBest[ord] == NONE) {
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, Math.min(leafBest.length, touched.length * 2));
                }
                touched[touchedCount++] = ord;
            }
            leafBest[ord] = Math.max(leafBest[ord], score);
        }

        /** Keeps the last segment's best scores by conversation id. */
        void mergeLeaf() throws IOException {
            if (conversations == null) {
                return;
            }
            for (int i = 0; i < touchedCount; i++) {
                int ord = touched[i];
                String id = ids[ord];
                if (id == null) {
                    id = conversations.lookupOrd(ord).utf8ToString();
                    ids[ord] = id; // the same string whoever reads it first
                }
                float[] scores = best.computeIfAbsent(id, ignored -> empty());
                scores[slot] = Math.max(scores[slot], leafBest[ord]);
            }
            conversations = null;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }

    private float[] empty() {
        float[] scores = new float[slots];
        Arrays.fill(scores, NONE);
        return scores;
    }
}
