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
 * the next word's ...), gathered a clause at a time over every segment that holds the user's texts. In a segment in
 * {@link IndexedTexts#LAYOUT} the user's texts are one run of documents, and each slot is scored over that run alone;
 * in an earlier version's segment each slot is filtered to the user's texts. Within a segment in the layout a
 * conversation is its run of documents ({@link ConversationRuns}), so a hit's conversation is found by comparing
 * document numbers; in an earlier version's segment it is the hit's doc values' ordinal.
 * <p>
 * A conversation has one row of slots however many segments hold its texts. A hit costs a slot of that row (the row
 * found once a run of the conversation's hits): in a segment in the layout by its run's place among the user's runs
 * (an array of the user's conversations there), in an earlier version's by its ordinal (a hash map). The first hit of a
 * conversation in a segment other than the one with most of the user's texts (the main one) finds its row through
 * the main segment's ordinal of the same id ({@link MainOrdinals}, looked up once for both segments' life); only a
 * conversation whose texts the main segment does not hold is looked up by its id. Nothing a search makes grows with
 * the other users' conversations.
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

    /** The rows: each conversation's best score in each slot, {@code slots.size()} floats a row. */
    private float[] rows;
    /** For each row, how many of the clauses scored so far, in order, its conversation has a hit in. */
    private int[] clausesHeld = new int[64];
    /** For each row, the segment (its place in {@link #segments}) and ordinal its conversation's id is read at. */
    private int[] segmentOf = new int[64];
    private int[] ordOf = new int[64];
    private int rowCount;
    /** The row of each conversation that only segments other than the main one hold, by id (made when first needed). */
    private Map<String, Integer> rowsById;
    private final List<SegmentHits> segments = new ArrayList<>();
    /** The clause being scored (its step in the order), and how many conversations have a hit in it and all before. */
    private int clause;
    private int holdingAll;

    private ConversationScores(IndexSearcher searcher, String userId, List<Query> slots) throws IOException {
        this.searcher = searcher;
        this.user = new BytesRef(userId);
        this.slots = slots;
        this.weights = weights(slots);
        this.rows = new float[64 * slots.size()];
    }

    /**
     * Each of the user's conversations that any of {@code slots} matches, with its best score in each ({@link #NONE}
     * where none): the score of a slot's query in slot {@code i}. The slots come in clauses of {@code width} (a word's
     * events and its title), and only conversations with a hit in every clause are wanted: when none has one, nothing
     * is found. So a clause with no hit at all ends the search before anything is scored; the clauses are scored
     * rarest first (by their scorers' cost), each over every segment, and the search ends as soon as no conversation
     * has a hit in every clause scored so far. A {@code q} of many common words that no conversation holds together
     * then costs the passes of a few of them, not one for each word. The hits of a conversation that lacks a clause
     * scored before are not scored: its score in a later slot is only above {@link #NONE}, since only whether it holds
     * the clause counts (for how rare the clause is among the user's conversations).
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
        int[] order = order(scorers, slots.size() / width, width);
        if (order == null) {
            return new Found(List.of(), new float[0], slots.size());
        }
        for (int i = 0; i < leaves.size(); i++) {
            scores.segments.add(scores.new SegmentHits(leaves.get(i), texts.get(i), i));
        }
        SegmentHits main = scores.segments.stream().max(Comparator.comparingInt(segment -> segment.texts.count()))
                .orElseThrow();
        for (SegmentHits segment : scores.segments) {
            segment.pairWith(main);
        }
        for (int step = 0; step < order.length; step++) {
            scores.clause = step;
            scores.holdingAll = 0;
            for (int segment = 0; segment < scores.segments.size(); segment++) {
                scores.segments.get(segment).score(scorers.get(segment), order[step] * width, width);
            }
            if (scores.holdingAll == 0) {
                return new Found(List.of(), new float[0], slots.size());
            }
        }
        return new Found(scores.ids(), scores.rows, slots.size());
    }

    /**
     * The order to score the {@code clauses} in, {@code scorers} being each segment's scorer of each slot: rarest
     * first; null when some clause has no hit in any segment.
     */
    private static int[] order(List<BulkScorer[]> scorers, int clauses, int width) {
        long[] costs = new long[clauses];
        for (BulkScorer[] leaf : scorers) {
            for (int slot = 0; slot < leaf.length; slot++) {
                costs[slot / width] += leaf[slot] == null ? 0 : Math.max(1, leaf[slot].cost());
            }
        }
        if (Arrays.stream(costs).anyMatch(cost -> cost == 0)) {
            return null;
        }
        return IntStream.range(0, clauses).boxed().sorted(Comparator.comparingLong(c -> costs[c]))
                .mapToInt(c -> c).toArray();
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

    /** The slots filtered to the user's texts, for an earlier version's segments: made when first needed. */
    private Weight[] filteredWeights() throws IOException {
        if (filteredWeights == null) {
            Query userTexts = new TermQuery(new Term(USER, user));
            filteredWeights = weights(slots.stream().map(slot -> (Query) new BooleanQuery.Builder()
                    .add(userTexts, Occur.FILTER).add(slot, Occur.MUST).build()).toList());
        }
        return filteredWeights;
    }

    /** A new row for the conversation of ordinal {@code ord} in segment {@code segment}. */
    private int newRow(int segment, int ord) {
        if (rowCount == clausesHeld.length) {
            clausesHeld = Arrays.copyOf(clausesHeld, 2 * rowCount);
            segmentOf = Arrays.copyOf(segmentOf, 2 * rowCount);
            ordOf = Arrays.copyOf(ordOf, 2 * rowCount);
            rows = Arrays.copyOf(rows, 2 * rows.length);
        }
        segmentOf[rowCount] = segment;
        ordOf[rowCount] = ord;
        return rowCount++;
    }

    /**
     * The row of {@code id}, a conversation none of whose texts of the user the main segment holds, first seen in
     * {@code segment} (at ordinal {@code ord}).
     */
    private int rowById(String id, int segment, int ord) {
        if (rowsById == null) {
            rowsById = new HashMap<>();
        }
        Integer row = rowsById.get(id);
        if (row == null) {
            row = newRow(segment, ord);
            rowsById.put(id, row);
        }
        return row;
    }

    /** The conversation id of each row. */
    private List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>(rowCount);
        for (int row = 0; row < rowCount; row++) {
            ids.add(segments.get(segmentOf[row]).id(ordOf[row]));
        }
        return ids;
    }

    /** The hits of one segment: each found in its conversation's row. */
    private final class SegmentHits implements LeafCollector {
        private final LeafReaderContext leaf;
        private final UserTexts texts;
        private final int place;
        private final String[] idOf;
        /** The runs of the segment's conversations, when it is in the layout (else null: a hit's ordinal tells). */
        private final ConversationRuns runs;
        /**
         * In the layout: the row of each of the user's runs (run {@code firstRun + i} at {@code i}) plus one, 0 where
         * none yet. An array of the user's conversations in the segment, not of the segment's: a segment holds every
         * user's, and an array of the segment's size made for each search cost a user among a million other
         * conversations a third more CPU and 4 MB a search.
         */
        private final int[] rowOfRun;
        private final int firstRun;
        /** Not in the layout: the row of each conversation ordinal a hit touched (Lucene's own hash map). */
        private final IntIntHashMap rowByOrd = new IntIntHashMap();
        private SortedDocValues conversations;
        /** The main segment, and its ordinal of each of this segment's conversations (null when this is the main one). */
        private SegmentHits main;
        private MainOrdinals mainOrdinals;
        /**
         * The last conversation hit (its run, or its ordinal when not in the layout), its row, and the first document
         * after its run (0 when not in the layout: every hit's ordinal is read).
         */
        private int lastKey = -1;
        private int lastRow;
        private int lastEnd;
        private int slot;
        private Scorable scorer;

        SegmentHits(LeafReaderContext leaf, UserTexts texts, int place) throws IOException {
            this.leaf = leaf;
            this.texts = texts;
            this.place = place;
            this.runs = texts.laidOut() ? ConversationRuns.of(leaf.reader()) : null;
            this.firstRun = runs == null ? 0 : runs.runOf(texts.from(), -1);
            this.rowOfRun = runs == null ? null : new int[runs.runOf(texts.to() - 1, firstRun) - firstRun + 1];
            conversations = leaf.reader().getSortedDocValues(CONVERSATION);
            int values = conversations.getValueCount();
            IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
            idOf = core == null ? new String[values] : IDS.computeIfAbsent(core.getKey(), key -> new String[values]);
        }

        /** Finds conversations' rows through {@code main}, the segment with most of the user's texts. */
        void pairWith(SegmentHits main) throws IOException {
            if (main != this) {
                this.main = main;
                this.mainOrdinals = MainOrdinals.of(leaf.reader(), main.leaf.reader());
            }
        }

        /** Takes in the hits of the {@code width} slots from {@code first}, with their {@code scorers}. */
        void score(BulkScorer[] scorers, int first, int width) throws IOException {
            for (int slot = first; slot < first + width; slot++) {
                if (scorers[slot] != null) {
                    startSlot(slot);
                    scorers[slot].score(this, leaf.reader().getLiveDocs(), texts.from(), texts.to());
                }
            }
        }

        /**
         * Before slot {@code slot}'s hits: its first hit counts for its conversation, and without runs the hits'
         * ordinals are read from the start again (doc values only go forward).
         */
        private void startSlot(int slot) throws IOException {
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
            if (clausesHeld[lastRow] <= clause) {
                rows[at] = HELD;
                return;
            }
            rows[at] = Math.max(rows[at], scorer.score());
        }

        /** Makes {@code key} the conversation hit, the first hit of its run or of this slot. */
        private void enter(int key) throws IOException {
            lastRow = runs == null ? rowOfOrd(key) : rowOfRun(key);
            lastKey = key;
            if (clausesHeld[lastRow] == clause) { // its first hit in this clause, and it had every one before
                clausesHeld[lastRow]++;
                holdingAll++;
            }
        }

        /** The row of the user's run {@code run}, made when it has none. */
        private int rowOfRun(int run) throws IOException {
            int row = rowOfRun[run - firstRun] - 1;
            if (row < 0) {
                row = newRowFor(runs.ord(run));
                rowOfRun[run - firstRun] = row + 1;
            }
            return row;
        }

        /**
         * The row of this segment's conversation {@code ord}, made when it has none; negative when in the layout the
         * user has no run of it here.
         */
        private int rowOfOrd(int ord) throws IOException {
            if (runs != null) {
                int run = runs.runOfOrd(ord, firstRun, firstRun + rowOfRun.length);
                return run < 0 ? -1 : rowOfRun(run);
            }
            int found = rowByOrd.indexOf(ord);
            if (rowByOrd.indexExists(found)) {
                return rowByOrd.indexGet(found);
            }
            int row = newRowFor(ord);
            rowByOrd.indexInsert(found, ord, row);
            return row;
        }

        /**
         * A row for this segment's conversation {@code ord}, hit here for the first time in this search: the main
         * segment's row of the same id when the main segment has the user's texts of it.
         */
        private int newRowFor(int ord) throws IOException {
            if (main == null) {
                return newRow(place, ord);
            }
            int mainOrd = mainOrdinals.of(ord, conversations, main.conversations);
            int row = mainOrd >= 0 ? main.rowOfOrd(mainOrd) : -1;
            return row >= 0 ? row : rowById(id(ord), place, ord);
        }

        /** The conversation id of {@code ord}, read once for the segment's life. */
        String id(int ord) throws IOException {
            String id = idOf[ord];
            if (id == null) {
                id = conversations.lookupOrd(ord).utf8ToString();
                idOf[ord] = id; // the same string whoever reads it first
            }
            return id;
        }
    }
}
