package dev.convsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * A phrase that holds a word more than once ({@code "the the the"}), matched and scored as Lucene's {@link PhraseQuery}
 * does, for the cost of its different words. Lucene reads a word's postings once for each place it has in the phrase,
 * and looks at every text that holds all the words: a phrase of one common word 125 times read the same postings 125
 * times over nearly every text (about 160 ms a search on a long history). Here a text is a candidate only when it holds
 * each word at least as often as the phrase does (read from each different word's postings once), and only a candidate
 * is handed to Lucene's phrase to decide.
 */
final class RepeatedWordsPhrase extends Query {

    private final PhraseQuery phrase;
    /** Each different word of the phrase, and how many times the phrase holds it. */
    private final Map<Term, Integer> counts;

    private RepeatedWordsPhrase(PhraseQuery phrase, Map<Term, Integer> counts) {
        this.phrase = phrase;
        this.counts = counts;
    }

    /** {@code query} as this query when it is an exact phrase that holds a word twice or more; else as it is. */
    static Query of(Query query) {
        if (query instanceof PhraseQuery phrase && phrase.getSlop() == 0) {
            Map<Term, Integer> counts = counts(phrase);
            if (counts.size() < phrase.getTerms().length) {
                return new RepeatedWordsPhrase(phrase, counts);
            }
        }
        return query;
    }

    /** Each different word of {@code phrase}, and how many times the phrase holds it. */
    private static Map<Term, Integer> counts(PhraseQuery phrase) {
        Map<Term, Integer> counts = new LinkedHashMap<>();
        for (Term term : phrase.getTerms()) {
            counts.merge(term, 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = phrase.rewrite(searcher);
        return rewritten == phrase ? this : of(rewritten);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        return new FilterWeight(this, phrase.createWeight(searcher, scoreMode, boost)) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                List<PostingsEnum> words = new ArrayList<>();
                for (Term term : counts.keySet()) {
                    PostingsEnum postings = context.reader().postings(term, PostingsEnum.FREQS);
                    if (postings == null) {
                        return null;
                    }
                    words.add(postings);
                }
                Scorer exact = in.scorer(context);
                return exact == null ? null : new CandidatesFirst(this, exact, words, List.copyOf(counts.values()));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false;
            }
        };
    }

    /** The phrase's scorer, asked only about the texts that hold each word often enough. */
    private static final class CandidatesFirst extends Scorer {
        private final Scorer exact;
        private final DocIdSetIterator exactApproximation;
        private final TwoPhaseIterator exactTwoPhase;
        private final DocIdSetIterator candidates;
        private final TwoPhaseIterator twoPhase;

        CandidatesFirst(Weight weight, Scorer exact, List<PostingsEnum> words, List<Integer> counts) {
            super(weight);
            this.exact = exact;
            this.exactTwoPhase = exact.twoPhaseIterator();
            this.exactApproximation = exactTwoPhase == null ? exact.iterator() : exactTwoPhase.approximation();
            this.candidates = words.size() == 1 ? words.get(0) : ConjunctionUtils.intersectIterators(words);
            this.twoPhase = new TwoPhaseIterator(candidates) {
                @Override
                public boolean matches() throws IOException {
                    for (int i = 0; i < words.size(); i++) {
                        if (words.get(i).freq() < counts.get(i)) {
                            return false;
                        }
                    }
                    int doc = candidates.docID();
                    int at = exactApproximation.docID() < doc ? exactApproximation.advance(doc)
                            : exactApproximation.docID();
                    return at == doc && (exactTwoPhase == null || exactTwoPhase.matches());
                }

                @Override
                public float matchCost() {
                    return exactTwoPhase == null ? words.size() : exactTwoPhase.matchCost();
                }
            };
        }

        @Override
        public int docID() {
            return candidates.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return TwoPhaseIterator.asDocIdSetIterator(twoPhase);
        }

        @Override
        public TwoPhaseIterator twoPhaseIterator() {
            return twoPhase;
        }

        @Override
        public float score() throws IOException {
            return exact.score();
        }

        @Override
        public float getMaxScore(int upTo) {
            return Float.MAX_VALUE; // no skipping by score: every match is scored
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        phrase.visit(visitor.getSubVisitor(Occur.MUST, this));
    }

    @Override
    public String toString(String field) {
        return phrase.toString(field);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && phrase.equals(((RepeatedWordsPhrase) other).phrase);
    }

    @Override
    public int hashCode() {
        return classHash() ^ phrase.hashCode();
    }
}
