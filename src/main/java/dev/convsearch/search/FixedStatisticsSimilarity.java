package dev.convsearch.search;

import java.util.Arrays;

import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * BM25 with the collection's statistics fixed: a text's score depends on the text alone (how often it holds a word,
 * and how long it is), never on the rest of the index. So a conversation's score is the same on every replica and
 * after every merge (Lucene counts deleted documents in its statistics until a merge drops them), and a cursor made
 * from a score finds its place again; and no user's texts weigh on another's ranking. How rare a word is, BM25's idf,
 * is counted over the user's own conversations instead, by {@link LuceneTextIndex}.
 */
final class FixedStatisticsSimilarity extends Similarity {

    private static final long DOCUMENTS = 1_000_000;
    /** A typical event's length in tokens, and a title's: where BM25 neither rewards nor penalises the length. */
    private static final long TEXT_LENGTH = 64;
    private static final long TITLE_LENGTH = 6;

    private final BM25Similarity bm25 = new BM25Similarity();

    @Override
    public long computeNorm(FieldInvertState state) {
        return bm25.computeNorm(state);
    }

    @Override
    public SimScorer scorer(float boost, CollectionStatistics collection, TermStatistics... terms) {
        long length = IndexedTexts.TITLE.equals(collection.field()) ? TITLE_LENGTH : TEXT_LENGTH;
        CollectionStatistics fixed = new CollectionStatistics(collection.field(), DOCUMENTS, DOCUMENTS,
                DOCUMENTS * length, DOCUMENTS * length);
        TermStatistics[] fixedTerms = Arrays.stream(terms)
                .map(term -> new TermStatistics(term.term(), DOCUMENTS / 10, DOCUMENTS / 10))
                .toArray(TermStatistics[]::new);
        return bm25.scorer(boost, fixed, fixedTerms);
    }
}
