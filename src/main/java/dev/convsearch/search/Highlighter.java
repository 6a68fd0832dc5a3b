package dev.convsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Finds where a query matches in events' texts with Lucene's unified highlighter (from the offsets in the postings,
 * phrases matched as phrases), and cuts each text's fragment with {@link Fragments}. The highlighter asks the query's
 * {@link Weight} where it matches in each text, as Lucene's own does, but from one weight made for the whole page:
 * Lucene's own rewrites the query and makes a new weight (seeking every term of the query) for each text.
 */
final class Highlighter {

    private final Exposed highlighter;

    /** A highlighter of the texts of {@code searcher} that {@code weight} (made by that searcher) matches. */
    Highlighter(IndexSearcher searcher, Weight weight) {
        highlighter = new Exposed(settings(searcher).withScorer(new OnlyPassage()), searcher, weight);
    }

    /** The unified highlighter's settings: the whole text as one passage, made into a {@link Fragments} fragment. */
    static UnifiedHighlighter.Builder settings(IndexSearcher searcher) {
        return UnifiedHighlighter.builder(searcher, TextAnalysis.forIndexing())
                .withBreakIterator(WholeBreakIterator::new)
                .withFormatter(new SpansFormatter())
                .withMaxLength(LuceneTextIndex.MAX_HIGHLIGHTED_CHARS)
                .withHighlightPhrasesStrictly(true);
    }

    /** The fragment of each of {@code docs} (events' documents) around what {@code query} matches. */
    Map<Integer, Fragments.Fragment> fragments(Query query, int[] docs) throws IOException {
        Map<Integer, Fragments.Fragment> fragments = new HashMap<>();
        if (docs.length == 0) {
            return fragments;
        }
        Object[] found = highlighter.objects(new String[] { LuceneTextIndex.TEXT }, query, docs, new int[] { 1 })
                .get(LuceneTextIndex.TEXT);
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
     * from the page's weight.
     */
    private static final class Exposed extends UnifiedHighlighter {
        private final Weight weight;
        private final Map<LeafReader, LeafReaderContext> leaves = new IdentityHashMap<>();

        Exposed(Builder builder, IndexSearcher searcher, Weight weight) {
            super(builder);
            this.weight = weight;
            searcher.getIndexReader().leaves().forEach(leaf -> leaves.put(leaf.reader(), leaf));
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
                    LeafReaderContext leaf = leaves.get(reader);
                    if (leaf == null) { // a reader the highlighter wrapped: its own way
                        return own.getOffsetsEnum(reader, doc, content);
                    }
                    Matches matches = weight.matches(leaf, doc);
                    MatchesIterator inText = matches == null ? null : matches.getMatches(getField());
                    return inText == null ? OffsetsEnum.EMPTY : new OffsetsEnum.OfMatchesIteratorWithSubs(inText);
                }
            };
        }
    }
}
