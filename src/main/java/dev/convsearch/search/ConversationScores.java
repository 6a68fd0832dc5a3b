package dev.convsearch.search;

import static dev.convsearch.search.LuceneTextIndex.CONVERSATION;
import static dev.convsearch.search.LuceneTextIndex.USER;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * The best score of each of a user's conversations in each of a query's slots (a word's or phrase's events, its title,
 * the next word's ...), gathered segment by segment. In a segment in {@link LuceneTextIndex#LAYOUT} the user's texts
 * are one run of documents, and each slot is scored over that run alone; in an earlier version's segment each slot is
 * filtered to the user's texts. Within a segment a conversation is its doc values' ordinal: a hit costs a slot of an
 * array, and each conversation a segment holds is looked up by its id once a search, not once a hit or a slot. The ids
 * of a segment's ordinals are read once for the segment's life and shared by every search.
 */
final class ConversationScores {

    /** No hit in that slot. */
    static final float NONE = -1f;

    /** Per segment (its core, which never changes): the conversation id of each ordinal, read when first needed. */
    private static final Map<IndexReader.CacheKey, String[]> IDS = Collections.synchronizedMap(new WeakHashMap<>());

    /** A map sized for the user's conversations grows no more; past this many it is not worth making at once. */
    private static final int MOST_PRESIZED = 4096;

    private final IndexSearcher searcher;
    private final BytesRef user;
    private final List<Query> slots;
    private final Weight[] weights;
    /** The slots filtered to the user's texts: see {@link #filteredWeights()}. */
    private Weight[] filteredWeights;
    private final Map<String, float[]> best;

    private ConversationScores(IndexSearcher searcher, String userId, List<Query> slots, int conversations)
            throws IOException {
        this.best = new HashMap<>(4 * Math.min(conversations, MOST_PRESIZED) / 3 + 1);
        this.searcher = searcher;
        this.user = new BytesRef(userId);
        this.slots = slots;
        this.weights = weights(slots);
    }

    /**
     * Each of the user's conversations that any of {@code slots} matches, with its best score in each ({@link #NONE}
     * where none): the score of a slot's query in slot {@code i}. The user has about {@code conversations}.
     */
    static Map<String, float[]> best(IndexSearcher searcher, String userId, List<Query> slots, int conversations)
            throws IOException {
        ConversationScores scores = new ConversationScores(searcher, userId, slots, conversations);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            scores.add(leaf);
        }
        return scores.best;
    }

    private Weight[] weights(List<Query> queries) throws IOException {
        Weight[] made = new Weight[queries.size()];
        for (int i = 0; i < made.length; i++) {
            made[i] = searcher.createWeight(searcher.rewrite(queries.get(i)), ScoreMode.COMPLETE, 1f);
        }
        return made;
    }

    /** Takes in the hits of every slot in {@code leaf}. */
    private void add(LeafReaderContext leaf) throws IOException {
        UserTexts texts = UserTexts.in(leaf, user);
        SortedDocValues conversations = leaf.reader().getSortedDocValues(CONVERSATION);
        if (texts == null || conversations == null) {
            return;
        }
        Weight[] leafWeights = texts.laidOut() ? weights : filteredWeights();
        LeafScores scores = new LeafScores(leaf, conversations.getValueCount());
        for (int slot = 0; slot < leafWeights.length; slot++) {
            BulkScorer scorer = leafWeights[slot].bulkScorer(leaf);
            if (scorer != null) {
                scores.slot = slot;
                scores.conversations = leaf.reader().getSortedDocValues(CONVERSATION);
                scorer.score(scores, leaf.reader().getLiveDocs(), texts.from(), texts.to());
            }
        }
        scores.mergeInto(best);
    }

    /** The slots filtered to the user's texts, for an earlier version's segments: made when first needed. */
    private Weight[] filteredWeights() throws IOException {
        if (filteredWeights == null) {
            Query userTexts = new TermQuery(new Term(USER, user));
            filteredWeights = weights(slots.stream().map(slot -> (Query) new BooleanQuery.Builder()
                    .add(userTexts, Occur.FILTER).add(slot, Occur.MUST).build()).toList());
        }
        return filteredWeights;
    }

    /** The best scores of one segment's conversations, a row of slots for each ordinal a hit touched. */
    private final class LeafScores implements LeafCollector {
        private final String[] ids;
        private final int[] rowOf;
        private final List<float[]> rows = new ArrayList<>();
        private final List<Integer> touched = new ArrayList<>();
        private SortedDocValues conversations;
        private int slot;
        private Scorable scorer;

        LeafScores(LeafReaderContext leaf, int values) {
            IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
            ids = core == null ? new String[values] : IDS.computeIfAbsent(core.getKey(), key -> new String[values]);
            rowOf = new int[values];
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!conversations.advanceExact(doc)) {
                return;
            }
            int ord = conversations.ordValue();
            if (rowOf[ord] == 0) {
                float[] row = new float[slots.size()];
                Arrays.fill(row, NONE);
                rows.add(row);
                touched.add(ord);
                rowOf[ord] = rows.size();
            }
            float[] row = rows.get(rowOf[ord] - 1);
            row[slot] = Math.max(row[slot], scorer.score());
        }

        /** Keeps this segment's best scores by conversation id. */
        void mergeInto(Map<String, float[]> best) throws IOException {
            for (int i = 0; i < touched.size(); i++) {
                int ord = touched.get(i);
                String id = ids[ord];
                if (id == null) {
                    id = conversations.lookupOrd(ord).utf8ToString();
                    ids[ord] = id; // the same string whoever reads it first
                }
                float[] row = rows.get(i);
                float[] scores = best.putIfAbsent(id, row);
                if (scores != null) {
                    for (int s = 0; s < row.length; s++) {
                        scores[s] = Math.max(scores[s], row[s]);
                    }
                }
            }
        }
    }
}
