package dev.convsearch.search;

import static dev.convsearch.search.IndexedTexts.CONVERSATION;
import static dev.convsearch.search.IndexedTexts.USER;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.IntStream;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.internal.hppc.IntIntHashMap;
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
 * the next word's ...), gathered segment by segment. In a segment in {@link IndexedTexts#LAYOUT} the user's texts
 * are one run of documents, and each slot is scored over that run alone; in an earlier version's segment each slot is
 * filtered to the user's texts. Within a segment in the layout a conversation is its run of documents
 * ({@link ConversationRuns}), so a hit's conversation is found by comparing document numbers; in an earlier version's
 * segment it is the hit's doc values' ordinal. A hit costs a slot of an array (its row found once a run of the
 * conversation's hits), and each conversation a segment holds is looked up by its id once a search, not once a hit or
 * a slot; nothing a search makes grows with the other users' conversations. The ids of a segment's ordinals are read
 * once for the segment's life and shared by every search. The rows of all conversations are one array; the first
 * segment with hits gives its rows as they are, and conversations are matched by id only when a second one has hits (a
 * merged index has one segment: no id is hashed).
 */
final class ConversationScores {

    /** No hit in that slot: every hit scores above it (BM25 is positive), so an array made anew holds no hits. */
    static final float NONE = 0f;
    /** A hit, not scored, of a conversation that cannot match: it only counts for the weight of the hit's clause. */
    private static final float HELD = Float.MIN_VALUE;

    /** Per segment (its core, which never changes): the conversation id of each ordinal, read when first needed. */
    private static final Map<IndexReader.CacheKey, String[]> IDS = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The conversations hit, and the best score of each in each slot: conversation {@code i}'s in slot {@code s} at
     * {@code scores[i * slots + s]}, {@link #NONE} where none (the array may be longer: rows are made in doublings).
     */
    record Found(List<String> ids, float[] scores, int slots) {

        float score(int conversation, int slot) {
            return scores[conversation * slots + slot];
        }
    }

    private final IndexSearcher searcher;
    private final BytesRef user;
    private final List<Query> slots;
    private final Weight[] weights;
    /** The slots filtered to the user's texts: see {@link #filteredWeights()}. */
    private Weight[] filteredWeights;
    private final List<String> ids = new ArrayList<>();
    private float[] scores = new float[0];
    /** Where each conversation of {@link #ids} is: made when a second segment has hits (null before). */
    private Map<String, Integer> positions;

    private ConversationScores(IndexSearcher searcher, String userId, List<Query> slots) throws IOException {
        this.searcher = searcher;
        this.user = new BytesRef(userId);
        this.slots = slots;
        this.weights = weights(slots);
    }

    /**
     * Each of the user's conversations that any of {@code slots} matches, with its best score in each ({@link #NONE}
     * where none): the score of a slot's query in slot {@code i}. The slots come in clauses of {@code width} (a word's
     * events and its title), and only conversations with a hit in every clause are wanted: when none has one, nothing
     * is found. So a clause with no hit at all ends the search before anything is scored; and when the user's texts
     * are in one segment, the clauses are scored rarest first (by their scorers' cost), and the search ends as soon as
     * no conversation has a hit in every clause scored so far. A {@code q} of many common words that no conversation
     * holds together then costs the passes of a few of them, not one for each word. There, too, the hits of a
     * conversation that lacks a clause scored before are not scored: its score in a later slot is only above
     * {@link #NONE}, since only whether it holds the clause counts (for how rare the clause is among the user's
     * conversations).
     */
    static Found best(IndexSearcher searcher, String userId, List<Query> slots, int width) throws IOException {
        ConversationScores scores = new ConversationScores(searcher, userId, slots);
        List<LeafReaderContext> leaves = new ArrayList<>();
        List<UserTexts> texts = new ArrayList<>();
        List<BulkScorer[]> scorers = new ArrayList<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            UserTexts userTexts = UserTexts.in(leaf, scores.user);
            if (userTexts != null && leaf.reader().getSortedDocValues(CONVERSATION) != null) {
                leaves.add(leaf);
                texts.add(userTexts);
                scorers.add(scores.scorers(leaf, userTexts));
            }
        }
        boolean alone = leaves.size() == 1;
        int[] order = order(scorers, slots.size() / width, width, alone);
        if (order == null) {
            return new Found(List.of(), new float[0], slots.size());
        }
        for (int i = 0; i < leaves.size(); i++) {
            scores.add(leaves.get(i), texts.get(i), scorers.get(i), width, order, alone);
        }
        return new Found(scores.ids, scores.scores, slots.size());
    }

    /**
     * The order to score the {@code clauses} in, {@code scorers} being each segment's scorer of each slot: rarest first
     * when {@code rarestFirst}, else as asked; null when some clause has no hit in any segment.
     */
    private static int[] order(List<BulkScorer[]> scorers, int clauses, int width, boolean rarestFirst) {
        long[] costs = new long[clauses];
        for (BulkScorer[] leaf : scorers) {
            for (int slot = 0; slot < leaf.length; slot++) {
                costs[slot / width] += leaf[slot] == null ? 0 : Math.max(1, leaf[slot].cost());
            }
        }
        if (Arrays.stream(costs).anyMatch(cost -> cost == 0)) {
            return null;
        }
        IntStream order = IntStream.range(0, clauses);
        return rarestFirst ? order.boxed().sorted(Comparator.comparingLong(c -> costs[c])).mapToInt(c -> c).toArray()
                : order.toArray();
    }

    private Weight[] weights(List<Query> queries) throws IOException {
        Weight[] made = new Weight[queries.size()];
        for (int i = 0; i < made.length; i++) {
            made[i] = searcher.createWeight(searcher.rewrite(queries.get(i)), ScoreMode.COMPLETE, 1f);
        }
        return made;
    }

    /** The scorer of each slot in {@code leaf}, where the user's texts are {@code texts} (null where no hit). */
    private BulkScorer[] scorers(LeafReaderContext leaf, UserTexts texts) throws IOException {
        Weight[] leafWeights = texts.laidOut() ? weights : filteredWeights();
        BulkScorer[] scorers = new BulkScorer[leafWeights.length];
        for (int slot = 0; slot < leafWeights.length; slot++) {
            scorers[slot] = leafWeights[slot].bulkScorer(leaf);
        }
        return scorers;
    }

    /**
     * Takes in the hits of every slot in {@code leaf}, a clause of {@code width} slots at a time in {@code order};
     * when {@code alone} (the one segment with the user's texts), none once no conversation has a hit in every clause
     * so far.
     */
    private void add(LeafReaderContext leaf, UserTexts texts, BulkScorer[] scorers, int width, int[] order,
            boolean alone) throws IOException {
        LeafScores scores = new LeafScores(leaf, texts.laidOut() ? ConversationRuns.of(leaf.reader()) : null, alone);
        for (int step = 0; step < order.length; step++) {
            scores.clause = step;
            scores.holdingAll = 0;
            for (int slot = order[step] * width; slot < (order[step] + 1) * width; slot++) {
                if (scorers[slot] != null) {
                    scores.startSlot(slot);
                    scorers[slot].score(scores, leaf.reader().getLiveDocs(), texts.from(), texts.to());
                }
            }
            if (alone && scores.holdingAll == 0) {
                return;
            }
        }
        scores.keep();
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

    /** The best scores of one segment's conversations, a row of slots for each conversation a hit touched. */
    private final class LeafScores implements LeafCollector {
        private final String[] idOf;
        /**
         * The row of each conversation a hit touched (its run, or its ordinal). A hash map (Lucene's own), not an array
         * by ordinal: a segment holds every user's conversations, a search touches the user's, and an array of the
         * segment's size made for each search cost a user among a million other conversations a third more CPU and 4
         * MB a search.
         */
        private final IntIntHashMap rowOf = new IntIntHashMap();
        /** The runs of the segment's conversations, when it is in the layout (else null: a hit's ordinal tells). */
        private final ConversationRuns runs;
        /**
         * The last conversation hit (its run, or its ordinal when not in the layout), its row, and the first document
         * after its run (0 when not in the layout: every hit's ordinal is read).
         */
        private int lastKey = -1;
        private int lastRow;
        private int lastEnd;
        private int[] keyOf = new int[64];
        private float[] rows = new float[64 * slots.size()];
        /** For each row, how many of the clauses scored so far, in order, its conversation has a hit in. */
        private int[] clausesHeld = new int[64];
        private int touched;
        private SortedDocValues conversations;
        private int slot;
        /** The clause being scored (its step in the order), and how many conversations have a hit in it and all before. */
        private int clause;
        private int holdingAll;
        /**
         * Whether a hit of a conversation that lacks an earlier clause is only marked, not scored: it cannot match,
         * and only that it holds this clause counts (for the clause's weight). Only with the user's texts in this one
         * segment: otherwise a later segment may hold the clause it lacks here.
         */
        private final boolean scoresOnlyHoldingAll;
        private final LeafReaderContext leaf;
        private Scorable scorer;

        LeafScores(LeafReaderContext leaf, ConversationRuns runs, boolean scoresOnlyHoldingAll) throws IOException {
            this.leaf = leaf;
            this.runs = runs;
            this.scoresOnlyHoldingAll = scoresOnlyHoldingAll;
            conversations = leaf.reader().getSortedDocValues(CONVERSATION);
            int values = conversations.getValueCount();
            IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
            idOf = core == null ? new String[values] : IDS.computeIfAbsent(core.getKey(), key -> new String[values]);
        }

        /**
         * Before slot {@code slot}'s hits: its first hit counts for its conversation, and without runs the hits' ordinals
         * are read from the start again (doc values only go forward).
         */
        void startSlot(int slot) throws IOException {
            this.slot = slot;
            lastKey = -1;
            lastEnd = 0;
            if (runs == null) {
                conversations = leaf.reader().getSortedDocValues(CONVERSATION);
            }
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (doc >= lastEnd) {
                int key;
                if (runs != null) {
                    key = runs.runOf(doc, lastKey);
                    lastEnd = runs.end(key);
                    if (runs.ord(key) < 0) { // documents with no conversation: the next hit looks again
                        lastEnd = 0;
                        return;
                    }
                } else if (conversations.advanceExact(doc)) {
                    key = conversations.ordValue();
                } else {
                    return;
                }
                if (key != lastKey) {
                    enter(key);
                }
            }
            int at = lastRow * slots.size() + slot;
            if (scoresOnlyHoldingAll && clausesHeld[lastRow] <= clause) {
                rows[at] = HELD;
                return;
            }
            rows[at] = Math.max(rows[at], scorer.score());
        }

        /** Makes {@code key} the conversation hit, the first hit of its run or of this slot. */
        private void enter(int key) {
            int found = rowOf.indexOf(key);
            lastRow = rowOf.indexExists(found) ? rowOf.indexGet(found) : newRow(key, found);
            lastKey = key;
            if (clausesHeld[lastRow] == clause) { // its first hit in this clause, and it had every one before
                clausesHeld[lastRow]++;
                holdingAll++;
            }
        }

        /** A row for {@code key}, which {@link #rowOf} does not hold ({@code found}: where its lookup ended). */
        private int newRow(int key, int found) {
            if (touched == keyOf.length) {
                keyOf = Arrays.copyOf(keyOf, 2 * touched);
                clausesHeld = Arrays.copyOf(clausesHeld, 2 * touched);
                rows = Arrays.copyOf(rows, 2 * rows.length);
            }
            keyOf[touched] = key;
            rowOf.indexInsert(found, key, touched);
            return touched++;
        }

        /** Adds this segment's best scores to the search's, by conversation id. */
        void keep() throws IOException {
            if (touched == 0) {
                return;
            }
            int width = slots.size();
            if (ids.isEmpty()) { // the first segment with hits: its rows as they are
                scores = rows;
                for (int row = 0; row < touched; row++) {
                    ids.add(id(keyOf[row]));
                }
                return;
            }
            if (positions == null) {
                positions = new HashMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    positions.put(ids.get(i), i);
                }
            }
            for (int row = 0; row < touched; row++) {
                String id = id(keyOf[row]);
                Integer at = positions.putIfAbsent(id, ids.size());
                if (at == null) {
                    at = ids.size();
                    ids.add(id);
                    if (scores.length < ids.size() * width) {
                        scores = Arrays.copyOf(scores, Math.max(2 * scores.length, ids.size() * width));
                    }
                    System.arraycopy(rows, row * width, scores, at * width, width);
                } else {
                    for (int s = 0; s < width; s++) {
                        scores[at * width + s] = Math.max(scores[at * width + s], rows[row * width + s]);
                    }
                }
            }
        }

        /** The conversation id of {@code key}, read once for the segment's life. */
        private String id(int key) throws IOException {
            int ord = runs == null ? key : runs.ord(key);
            String id = idOf[ord];
            if (id == null) {
                id = conversations.lookupOrd(ord).utf8ToString();
                idOf[ord] = id; // the same string whoever reads it first
            }
            return id;
        }
    }
}
