package dev.convsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

import dev.convsearch.domain.KeptText;

/**
 * Finds where a query matches in events' texts with Lucene's unified highlighter (from the offsets in the postings,
 * phrases matched as phrases), and cuts each text's fragment with {@link Fragments}. The query is any of its clauses
 * (a text matches where each of its matching clauses does), and the highlighter is told where each clause matches in a
 * text as Lucene's own would find it, but from what is made once for the whole page: a word's clause from one postings
 * list of the word in each segment, read forward from text to text, and any other clause from its {@link Weight}.
 * Lucene's own rewrites the query and makes a new weight (seeking every term of the query) for each text, and a
 * weight's matches read the postings anew for each text.
 */
final class Highlighter {

    /** Longer than any kept text (16 KB of UTF-8 is at most 16 384 chars): the highlighter reads it all. */
    private static final int MAX_HIGHLIGHTED_CHARS = KeptText.MAX_TEXT_BYTES + 1;

    private final Exposed highlighter;

    /** A highlighter of the texts of {@code searcher} that any of {@code clauses} matches. */
    Highlighter(IndexSearcher searcher, List<Query> clauses) throws IOException {
        highlighter = new Exposed(settings(searcher).withScorer(new OnlyPassage()), searcher, clauses);
    }

    /** The unified highlighter's settings: the whole text as one passage, made into a {@link Fragments} fragment. */
    static UnifiedHighlighter.Builder settings(IndexSearcher searcher) {
        return UnifiedHighlighter.builder(searcher, TextAnalysis.forIndexing())
                .withBreakIterator(WholeBreakIterator::new)
                .withFormatter(new SpansFormatter())
                .withMaxLength(MAX_HIGHLIGHTED_CHARS)
                .withHighlightPhrasesStrictly(true);
    }

    /** The fragment of each of {@code docs} (events' documents) around what {@code query} matches. */
    Map<Integer, Fragments.Fragment> fragments(Query query, int[] docs) throws IOException {
        Map<Integer, Fragments.Fragment> fragments = new HashMap<>();
        if (docs.length == 0) {
            return fragments;
        }
        Object[] found = highlighter.objects(new String[] { IndexedTexts.TEXT }, query, docs, new int[] { 1 })
                .get(IndexedTexts.TEXT);
        for (int i = 0; i < docs.length; i++) {
            if (found[i] instanceof Fragments.Fragment fragment) {
                fragments.put(docs[i], fragment);
            }
        }
        return fragments;
    }

    /**
     * The score of a text's one passage (the whole text, {@link WholeBreakIterator}): nothing to choose between, so
     * nothing to compute. Lucene's own scorer counts the passage's terms in a new hash of 32 KB blocks for each text,
     * the highlighter's biggest cost for a 1-word query; {@code HighlighterTest} compares against it.
     */
    private static final class OnlyPassage extends PassageScorer {
        @Override
        public float score(Passage passage, int contentLength) {
            return 1f;
        }
    }

    /** The whole text as one passage, made into a fragment around its matches. */
    private static final class SpansFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            List<Fragments.Span> spans = new ArrayList<>();
            for (Passage passage : passages) {
                for (int i = 0; i < passage.getNumMatches(); i++) {
                    spans.add(new Fragments.Span(passage.getMatchStarts()[i], passage.getMatchEnds()[i]));
                }
            }
            spans.sort(Comparator.comparingInt(Fragments.Span::start).thenComparingInt(Fragments.Span::end));
            return Fragments.cut(content, spans);
        }
    }

    /**
     * The highlighter, with its answers as objects (the fragments) rather than strings, and the matches in a text read
     * from the page's clauses.
     */
    private static final class Exposed extends UnifiedHighlighter {
        private final List<Term> words = new ArrayList<>();
        private final List<Weight> others = new ArrayList<>();
        private final Map<LeafReader, LeafClauses> leaves = new IdentityHashMap<>();

        Exposed(Builder builder, IndexSearcher searcher, List<Query> clauses) throws IOException {
            super(builder);
            for (Query clause : clauses) {
                if (clause instanceof TermQuery word) {
                    words.add(word.getTerm());
                } else {
                    others.add(searcher.createWeight(searcher.rewrite(clause), ScoreMode.COMPLETE_NO_SCORES, 1f));
                }
            }
            searcher.getIndexReader().leaves().forEach(leaf -> leaves.put(leaf.reader(), new LeafClauses(leaf)));
        }

        Map<String, Object[]> objects(String[] fields, Query query, int[] docs, int[] passages) throws IOException {
            return highlightFieldsAsObjects(fields, query, docs, passages);
        }

        @Override
        protected FieldOffsetStrategy getOffsetStrategy(OffsetSource offsetSource, UHComponents components) {
            FieldOffsetStrategy own = super.getOffsetStrategy(offsetSource, components);
            return new FieldOffsetStrategy(components) {
                @Override
                public OffsetSource getOffsetSource() {
                    return own.getOffsetSource();
                }

                @Override
                public OffsetsEnum getOffsetsEnum(LeafReader reader, int doc, String content) throws IOException {
                    LeafClauses leaf = leaves.get(reader);
                    if (leaf == null) { // a reader the highlighter wrapped: its own way
                        return own.getOffsetsEnum(reader, doc, content);
                    }
                    List<OffsetsEnum> matches = leaf.matches(doc, getField());
                    return matches.isEmpty() ? OffsetsEnum.EMPTY
                            : matches.size() == 1 ? matches.get(0) : new OffsetsEnum.MultiOffsetsEnum(matches);
                }
            };
        }

        /** Where each clause matches in a segment's texts. */
        private final class LeafClauses {
            private final LeafReaderContext leaf;
            /** Each word's postings in the segment, with offsets, read forward; null until first asked. */
            private final PostingsEnum[] postings = new PostingsEnum[words.size()];
            /** The last text each word was asked for; whether the segment has none of it. */
            private final int[] asked = new int[words.size()];
            private final boolean[] absent = new boolean[words.size()];

            LeafClauses(LeafReaderContext leaf) {
                this.leaf = leaf;
                Arrays.fill(asked, -1);
            }

            /** Where each clause that matches text {@code doc} matches in it. */
            List<OffsetsEnum> matches(int doc, String field) throws IOException {
                List<OffsetsEnum> matches = new ArrayList<>();
                for (int w = 0; w < postings.length; w++) {
                    PostingsEnum word = postingsAt(w, doc);
                    if (word != null && word.docID() == doc && words.get(w).field().equals(field)) {
                        matches.add(new OffsetsEnum.OfPostings(words.get(w).bytes(), word));
                    }
                }
                for (Weight other : others) {
                    Matches found = other.matches(leaf, doc);
                    MatchesIterator inText = found == null ? null : found.getMatches(field);
                    if (inText != null) {
                        matches.add(new OffsetsEnum.OfMatchesIteratorWithSubs(inText));
                    }
                }
                return matches;
            }

            /** Word {@code w}'s postings, on {@code doc} or past it; null when the segment has none of it. */
            private PostingsEnum postingsAt(int w, int doc) throws IOException {
                if (absent[w]) {
                    return null;
                }
                if (postings[w] == null || doc <= asked[w]) { // first asked, or texts asked out of order
                    Terms terms = leaf.reader().terms(words.get(w).field());
                    TermsEnum enumerated = terms == null ? null : terms.iterator();
                    if (enumerated == null || !enumerated.seekExact(words.get(w).bytes())) {
                        absent[w] = true;
                        return null;
                    }
                    postings[w] = enumerated.postings(postings[w], PostingsEnum.OFFSETS);
                }
                asked[w] = doc;
                PostingsEnum word = postings[w];
                if (word.docID() < doc) {
                    word.advance(doc);
                }
                return word;
            }
        }
    }
}
