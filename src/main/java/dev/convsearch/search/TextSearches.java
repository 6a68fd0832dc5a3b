package dev.convsearch.search;

import static dev.convsearch.search.IndexedTexts.CONVERSATION;
import static dev.convsearch.search.IndexedTexts.EVENT_ID;
import static dev.convsearch.search.IndexedTexts.KIND;
import static dev.convsearch.search.IndexedTexts.SOURCE;
import static dev.convsearch.search.IndexedTexts.TIMESTAMP;
import static dev.convsearch.search.IndexedTexts.USER;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import dev.convsearch.api.TextMatch;
import dev.convsearch.domain.KeptText;
import dev.convsearch.domain.TextHits;
import dev.convsearch.domain.TextQuery;

/**
 * The searches of the text index, on any searcher of it (the service's, or one opened on its folder alone, as the
 * benchmark's Lucene-alone baseline does). Every search is filtered to one user.
 * <p>
 * A conversation matches a query when each of the query's words and phrases is in its title or in one of its events:
 * one pass over the user's texts for each (one for a word asked twice; see {@link ConversationScores#best} for when the
 * passes stop early), its best score kept per conversation. A word or phrase scores by BM25 on the event or the title
 * that holds it best (with {@link FixedStatisticsSimilarity}), weighted by how rare it is among the user's own
 * conversations (BM25's idf, counted over them) and by how many times the query asks it; a title's match counts
 * {@value #TITLE_WEIGHT} times an event's. The sums are made in the query's order and the best of a conversation's
 * events is a maximum, so a score is the same whatever order the index gives its texts in, or the passes are made in.
 */
final class TextSearches {

    private static final float TITLE_WEIGHT = 2f;
    /** The least weight of a word: one every conversation holds still counts a little. */
    private static final float LEAST_IDF = 0.01f;

    private final TextQueries queries = new TextQueries();

    /** The user's conversations that hold every word and phrase of {@code query}, and how well. */
    TextHits find(IndexSearcher searcher, String userId, TextQuery query) throws IOException {
        List<TextQueries.Clause> clauses = queries.clauses(query);
        if (clauses.isEmpty()) {
            return TextHits.NONE;
        }
        List<Query> slots = new ArrayList<>();
        clauses.forEach(clause -> {
            slots.add(clause.text());
            slots.add(clause.title());
        });
        int conversations = searcher.count(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(USER, userId)), Occur.FILTER)
                .add(new TermQuery(new Term(KIND, KeptText.TITLE)), Occur.FILTER).build());
        ConversationScores.Found best = ConversationScores.best(searcher, userId, slots, 2);
        return relevance(best, clauses.stream().mapToInt(TextQueries.Clause::times).toArray(), conversations);
    }

    /** For each of the user's conversations {@code ids}, up to {@code perConversation} best matching events. */
    Map<String, List<TextMatch>> textMatches(IndexSearcher searcher, String userId, TextQuery query, List<String> ids,
            int perConversation) throws IOException {
        List<TextQueries.Clause> clauses = queries.clauses(query);
        if (clauses.isEmpty() || ids.isEmpty()) {
            return Map.of();
        }
        List<Query> texts = clauses.stream().map(TextQueries.Clause::text).toList();
        BooleanQuery.Builder anyClause = new BooleanQuery.Builder();
        clauses.forEach(clause -> anyClause.add(clause.times() == 1 ? clause.text()
                : new BoostQuery(clause.text(), clause.times()), Occur.SHOULD));
        Query matching = anyClause.build();
        Weight weight = searcher.createWeight(searcher.rewrite(matching), ScoreMode.COMPLETE, 1f);
        return textMatches(searcher, texts, matching, bestPerConversation(searcher, userId, ids, weight,
                perConversation));
    }

    /** A hit: its document number in the whole index, its score, and its event's time (the greatest when none). */
    private record ScoredDoc(int doc, float score, long timestamp) {
    }

    /**
     * The lower score first, and of two equal ones the later event, then the later document: of equally good events
     * a page shows the earlier, whatever the segments (a merge does not keep the order of a conversation's documents;
     * only events of one millisecond are then in the segments' order).
     */
    private static final Comparator<ScoredDoc> WORST_FIRST = Comparator.comparingDouble(ScoredDoc::score)
            .thenComparing(ScoredDoc::timestamp, Comparator.reverseOrder())
            .thenComparing(ScoredDoc::doc, Comparator.reverseOrder());

    /**
     * Up to {@code perConversation} of the user's events in each of conversations {@code ids} that {@code weight}
     * scores best, best first. Segment by segment: the page's events are the postings of each page conversation's id
     * that are also the user's (so never another user's, whatever the conversation's id), then scored by
     * {@code weight} in document order. A search of the page's conversations as a query did the same, but paid its
     * per-segment set-up for every segment; the keys' prefixes did too, one term and its postings for every event.
     */
    private static Map<String, List<ScoredDoc>> bestPerConversation(IndexSearcher searcher, String userId,
            List<String> ids, Weight weight, int perConversation) throws IOException {
        List<String> conversations = ids.stream().distinct().sorted().toList();
        Map<String, PriorityQueue<ScoredDoc>> best = new HashMap<>();
        BytesRef user = new BytesRef(userId);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            long[] pageEvents = pageEvents(leaf, user, conversations);
            Scorer scorer = pageEvents.length == 0 ? null : weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
            DocIdSetIterator candidates = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
            Bits live = leaf.reader().getLiveDocs();
            NumericDocValues timestamps = DocValues.getNumeric(leaf.reader(), TIMESTAMP);
            for (long event : pageEvents) {
                int doc = (int) (event >>> 32);
                if ((live != null && !live.get(doc)) || !advanceTo(candidates, doc)
                        || (twoPhase != null && !twoPhase.matches())) {
                    continue;
                }
                PriorityQueue<ScoredDoc> top = best.computeIfAbsent(conversations.get((int) event),
                        id -> new PriorityQueue<>(WORST_FIRST));
                top.add(new ScoredDoc(leaf.docBase + doc, scorer.score(),
                        timestamps.advanceExact(doc) ? timestamps.longValue() : Long.MAX_VALUE));
                if (top.size() > perConversation) {
                    top.poll();
                }
            }
        }
        Map<String, List<ScoredDoc>> sorted = new HashMap<>();
        best.forEach((id, top) -> sorted.put(id, top.stream()
                .sorted(WORST_FIRST.reversed())
                .toList()));
        return sorted;
    }

    /**
     * The texts of {@code leaf} that are the user's and in one of {@code conversations}, ascending: each as its
     * document number (high half) and the index of its conversation (low half). A conversation's texts are its id's
     * postings among the user's texts ({@link UserTexts}).
     */
    private static long[] pageEvents(LeafReaderContext leaf, BytesRef user, List<String> conversations)
            throws IOException {
        UserTexts run = UserTexts.in(leaf, user);
        TermsEnum ids = terms(leaf, CONVERSATION);
        if (run == null || ids == null) {
            return new long[0];
        }
        PostingsEnum usersTexts = run.laidOut() ? null : run.postings(null);
        PostingsEnum texts = null;
        long[] events = new long[16];
        int count = 0;
        for (int c = 0; c < conversations.size(); c++) {
            if (!ids.seekExact(new BytesRef(conversations.get(c)))) {
                continue;
            }
            texts = ids.postings(texts, PostingsEnum.NONE);
            int first = texts.advance(run.from());
            if (usersTexts != null && usersTexts.docID() > first) { // an earlier conversation went past
                usersTexts = run.postings(usersTexts);
            }
            for (int doc = first; doc < run.to(); doc = texts.nextDoc()) {
                if (usersTexts == null || advanceTo(usersTexts, doc)) {
                    if (count == events.length) {
                        events = Arrays.copyOf(events, 2 * count);
                    }
                    events[count++] = ((long) doc << 32) | c;
                }
            }
        }
        events = Arrays.copyOf(events, count);
        Arrays.sort(events);
        return events;
    }

    /** The terms of {@code field} in {@code leaf}, or null when it has none. */
    private static TermsEnum terms(LeafReaderContext leaf, String field) throws IOException {
        Terms terms = leaf.reader().terms(field);
        return terms == null ? null : terms.iterator();
    }

    /** Whether {@code iterator}, moved forward only, is on {@code doc} (the docs asked of it only grow). */
    private static boolean advanceTo(DocIdSetIterator iterator, int doc) throws IOException {
        return (iterator.docID() < doc ? iterator.advance(doc) : iterator.docID()) == doc;
    }

    private static Map<String, List<TextMatch>> textMatches(IndexSearcher searcher, List<Query> clauses,
            Query matching, Map<String, List<ScoredDoc>> best) throws IOException {
        int[] docs = best.values().stream().flatMap(List::stream).mapToInt(ScoredDoc::doc).sorted().toArray();
        Map<Integer, Fragments.Fragment> fragments = new Highlighter(searcher, clauses).fragments(matching, docs);
        Map<Integer, EventFields> events = eventFields(searcher, docs);
        Map<String, List<TextMatch>> matches = new HashMap<>();
        for (Map.Entry<String, List<ScoredDoc>> conversation : best.entrySet()) {
            List<TextMatch> found = new ArrayList<>();
            for (ScoredDoc hit : conversation.getValue()) {
                Fragments.Fragment fragment = fragments.get(hit.doc());
                EventFields event = events.get(hit.doc());
                found.add(new TextMatch(event.id(), event.source(), event.timestamp(),
                        fragment == null ? "" : fragment.text(), fragment == null ? List.of() : fragment.matches()));
            }
            matches.put(conversation.getKey(), found);
        }
        return matches;
    }

    /** What an event's document holds besides its text. */
    private record EventFields(String id, String source, Instant timestamp) {
    }

    /** The id, source and time of each of {@code docs} (ascending), from their doc values. */
    private static Map<Integer, EventFields> eventFields(IndexSearcher searcher, int[] docs) throws IOException {
        Map<Integer, EventFields> fields = new HashMap<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        BinaryDocValues ids = null;
        SortedDocValues sources = null;
        NumericDocValues timestamps = null;
        for (int doc : docs) {
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                ids = DocValues.getBinary(leaf.reader(), EVENT_ID);
                sources = DocValues.getSorted(leaf.reader(), SOURCE);
                timestamps = DocValues.getNumeric(leaf.reader(), TIMESTAMP);
            }
            int local = doc - leaf.docBase;
            String id = ids.advanceExact(local) ? ids.binaryValue().utf8ToString() : "";
            String source = sources.advanceExact(local) ? sources.lookupOrd(sources.ordValue()).utf8ToString() : null;
            Instant timestamp = timestamps.advanceExact(local) ? Instant.ofEpochMilli(timestamps.longValue()) : null;
            fields.put(doc, new EventFields(id, source, timestamp));
        }
        return fields;
    }

    /**
     * The conversations that hold every clause (in an event or the title), with their relevance: {@code best} holds each
     * conversation's best score in each clause's events (slot {@code 2c}) and title (slot {@code 2c + 1}), and clause
     * {@code c} was asked {@code times[c]} times.
     */
    private static TextHits relevance(ConversationScores.Found best, int[] times, int conversations) {
        int clauses = times.length;
        int found = best.ids().size();
        int[] holding = new int[clauses];
        for (int i = 0; i < found; i++) {
            for (int c = 0; c < clauses; c++) {
                holding[c] += held(best, i, c) ? 1 : 0;
            }
        }
        float[] idf = new float[clauses];
        for (int c = 0; c < clauses; c++) {
            idf[c] = Math.max(LEAST_IDF,
                    (float) Math.log(1 + (conversations - holding[c] + 0.5) / (holding[c] + 0.5)));
        }
        // a match holds the first clause: at most as many as hold it
        List<String> ids = new ArrayList<>(holding[0]);
        int[] titleClauses = new int[holding[0]];
        float[] scores = new float[holding[0]];
        for (int i = 0; i < found; i++) {
            float score = 0;
            int titles = 0;
            int c = 0;
            for (; c < clauses && held(best, i, c); c++) {
                float title = best.score(i, 2 * c + 1);
                score += times[c] * idf[c] * (best.score(i, 2 * c) + TITLE_WEIGHT * title);
                titles += title > 0 ? times[c] : 0;
            }
            if (c == clauses) {
                titleClauses[ids.size()] = titles;
                scores[ids.size()] = score;
                ids.add(best.ids().get(i));
            }
        }
        return new TextHits(ids, titleClauses, scores, conversations);
    }

    /** Whether clause {@code c} is in conversation {@code i}'s events or title. */
    private static boolean held(ConversationScores.Found best, int i, int c) {
        return best.score(i, 2 * c) != ConversationScores.NONE || best.score(i, 2 * c + 1) != ConversationScores.NONE;
    }
}
