package dev.convsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Finds where a query matches in events' texts with Lucene's unified highlighter (the stored text analysed again with
 * {@link TextAnalysis}, phrases matched as phrases), and cuts each text's fragment with {@link Fragments}.
 */
final class Highlighter {

    private final Exposed highlighter;

    Highlighter(IndexSearcher searcher) {
        highlighter = new Exposed(UnifiedHighlighter.builder(searcher, TextAnalysis.forIndexing())
                .withBreakIterator(WholeBreakIterator::new)
                .withFormatter(new SpansFormatter())
                .withMaxLength(LuceneTextIndex.MAX_HIGHLIGHTED_CHARS)
                .withHighlightPhrasesStrictly(true));
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

    /** The highlighter, with its answers as objects (the fragments) rather than strings. */
    private static final class Exposed extends UnifiedHighlighter {
        Exposed(Builder builder) {
            super(builder);
        }

        Map<String, Object[]> objects(String[] fields, Query query, int[] docs, int[] passages) throws IOException {
            return highlightFieldsAsObjects(fields, query, docs, passages);
        }
    }
}
