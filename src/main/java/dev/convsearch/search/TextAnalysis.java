package dev.convsearch.search;

import java.io.IOException;
import java.text.Normalizer;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ConditionalTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * The analyzer chain of search inside conversations, the one place it is built: the index, the queries and the
 * fragments of {@code text_matches} all read text through it, and MongoDB Search's custom analyzer repeats it
 * (docs/mongodb-search.md). What it promises (TextAnalysisTest holds each):
 * <ol>
 * <li>words are runs of letters and digits, and code stays whole: {@code . - _ /} inside a run keep it one token
 * ({@code docker-compose.yml}, {@code src/main/App.java}, {@code NullPointerException}); at its ends they are cut off;
 * <li>such a token is also found by its parts, split at {@code . - _ /} ({@code docker}, {@code compose},
 * {@code yml}), each at its own position, so a query of some of the parts finds them as a phrase;
 * <li>case does not count, nor do accents ({@code cafe} finds {@code Café});
 * <li>English word forms find each other (Porter's stemmer: {@code failing tests} finds {@code the test failed}).
 * </ol>
 */
public final class TextAnalysis {

    /** Longer runs are split (a token of Lucene may not pass 32 KB; a word of 255 characters is no word). */
    static final int MAX_TOKEN_LENGTH = 255;
    private static final int PARTS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private TextAnalysis() {
    }

    /** The chain for indexing: a token and its parts flattened onto positions, as an index must hold them. */
    public static Analyzer forIndexing() {
        return new Chain(true);
    }

    /** The chain for queries: a token and its parts as a graph, which the query builder turns into alternatives. */
    public static Analyzer forQueries() {
        return new Chain(false);
    }

    /** Whether {@code c} belongs in a token: a letter, a digit, a combining mark, or one of {@code . - _ /}. */
    static boolean isTokenChar(int c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '/'
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }

    private static final class Chain extends Analyzer {
        private final boolean flatten;

        Chain(boolean flatten) {
            this.flatten = flatten;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new CodeTokenizer();
            TokenStream stream = flatten
                    ? new OneHoleAtMost(new OnlyCodeWords(new TrimDelimiters(tokenizer),
                            words -> new FlattenGraphFilter(parts(words))))
                    : parts(new OneHoleAtMost(new TrimDelimiters(tokenizer)));
            stream = new ASCIIFoldingFilter(new StripAccents(new LowerCaseFilter(stream)));
            return new TokenStreamComponents(tokenizer, new PorterStemFilter(stream));
        }
    }

    /** A code word and its parts; parts carry their own offsets, so that a fragment shows the part that matched. */
    static TokenStream parts(TokenStream words) {
        return new WordDelimiterGraphFilter(words, true, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, PARTS, null);
    }

    /** Whether the parts' filter splits a word at {@code c} (it is none of its letters or digits). */
    private static boolean splitsParts(char c) {
        int type = c < WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE.length
                ? WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE[c]
                : WordDelimiterIterator.getType(c);
        return (type & WordDelimiterIterator.ALPHANUM) == 0;
    }

    /**
     * Where words were dropped between two tokens (a lone {@code -}), one position is left empty however many they
     * were, as {@link FlattenGraphFilter} leaves it for every token that goes through it: so for the words that do not,
     * and in queries, so that a phrase across such words ({@code "x - - y"}) finds its own text.
     */
    private static final class OneHoleAtMost extends TokenFilter {
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);

        OneHoleAtMost(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            increment.setPositionIncrement(Math.min(increment.getPositionIncrement(), 2));
            return true;
        }
    }

    /**
     * Hands only the words that have parts (a character the parts are split at) to the parts' filters: the others
     * would pass them unchanged, at the cost of a graph flattened for every word of every text (two fifths of what
     * analysing the benchmark's texts cost). The index gets the same tokens at the same positions either way, as
     * TextAnalysisTest holds.
     */
    private static final class OnlyCodeWords extends ConditionalTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        OnlyCodeWords(TokenStream input, Function<TokenStream, TokenStream> parts) {
            super(input, parts);
        }

        @Override
        protected boolean shouldFilter() {
            char[] chars = term.buffer();
            for (int i = 0; i < term.length(); i++) {
                if (splitsParts(chars[i])) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Runs of letters, digits, combining marks and {@code . - _ /}. */
    static final class CodeTokenizer extends CharTokenizer {
        CodeTokenizer() {
            super(DEFAULT_TOKEN_ATTRIBUTE_FACTORY, MAX_TOKEN_LENGTH);
        }

        @Override
        protected boolean isTokenChar(int c) {
            return TextAnalysis.isTokenChar(c);
        }
    }

    /** Cuts {@code . - /} off a token's ends (a sentence's full stop, a path's leading slash); drops what is left empty. */
    static final class TrimDelimiters extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

        TrimDelimiters(TokenStream input) {
            super(input);
        }

        @Override
        protected boolean accept() {
            char[] chars = term.buffer();
            int start = 0;
            int end = term.length();
            while (start < end && isTrimmed(chars[start])) {
                start++;
            }
            while (end > start && isTrimmed(chars[end - 1])) {
                end--;
            }
            if (start > 0 || end < term.length()) {
                int startOffset = offset.startOffset();
                String kept = new String(chars, start, end - start);
                term.setEmpty().append(kept);
                offset.setOffset(startOffset + start, startOffset + end);
            }
            return end > start;
        }

        private static boolean isTrimmed(char c) {
            return c == '.' || c == '-' || c == '/';
        }
    }

    /** Takes accents off letters that carry them, in any script (decomposed, the marks dropped). */
    static final class StripAccents extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        StripAccents(TokenStream input) {
            super(input);
        }

        @Override
        protected boolean accept() {
            char[] chars = term.buffer();
            boolean ascii = true;
            for (int i = 0; i < term.length() && ascii; i++) {
                ascii = chars[i] < 0x80;
            }
            if (ascii) {
                return true;
            }
            String decomposed = Normalizer.normalize(term, Normalizer.Form.NFD);
            StringBuilder stripped = new StringBuilder(decomposed.length());
            decomposed.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                    .forEach(stripped::appendCodePoint);
            term.setEmpty().append(Normalizer.normalize(stripped, Normalizer.Form.NFC));
            return term.length() > 0;
        }
    }
}
