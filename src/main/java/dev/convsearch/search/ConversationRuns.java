package dev.convsearch.search;

import static dev.convsearch.search.IndexedTexts.CONVERSATION;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;

/**
 * The runs of documents of one conversation in a segment in {@link IndexedTexts#LAYOUT}: there a conversation's texts
 * follow each other, so a hit's conversation is the run that holds it, found by comparing document numbers instead of
 * reading the hit's doc values. Run {@code r} is documents {@code [start(r), start(r + 1))}, of conversation ordinal
 * {@code ord(r)}. Two users' conversations of one id may make one run, where one user's texts end and the next one's
 * begin: a search cuts it at its user's bounds. Made once for a segment's life, at its first search with {@code q}:
 * one pass over its documents' ordinals, and 8 bytes for each run.
 */
final class ConversationRuns {

    private static final Map<IndexReader.CacheKey, ConversationRuns> MADE = Collections.synchronizedMap(
            new WeakHashMap<>());

    private final int[] starts;
    private final int[] ords;

    private ConversationRuns(int[] starts, int[] ords) {
        this.starts = starts;
        this.ords = ords;
    }

    /**
     * The runs of {@code reader}, a segment in the layout. Two first searches at once may both read them (the same
     * runs): no search waits for another segment's.
     */
    static ConversationRuns of(LeafReader reader) throws IOException {
        IndexReader.CacheHelper core = reader.getCoreCacheHelper();
        if (core == null) {
            return read(reader);
        }
        ConversationRuns runs = MADE.get(core.getKey());
        if (runs == null) {
            runs = read(reader);
            MADE.put(core.getKey(), runs);
        }
        return runs;
    }

    private static ConversationRuns read(LeafReader reader) throws IOException {
        SortedDocValues conversations = reader.getSortedDocValues(CONVERSATION);
        int[] starts = new int[64];
        int[] ords = new int[64];
        int runs = 0;
        int last = -2;
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
            int ord = conversations != null && conversations.advanceExact(doc) ? conversations.ordValue() : -1;
            if (ord != last) {
                if (runs == starts.length) {
                    starts = Arrays.copyOf(starts, 2 * runs);
                    ords = Arrays.copyOf(ords, 2 * runs);
                }
                starts[runs] = doc;
                ords[runs++] = ord;
                last = ord;
            }
        }
        starts = Arrays.copyOf(starts, runs + 1);
        starts[runs] = reader.maxDoc();
        return new ConversationRuns(starts, Arrays.copyOf(ords, runs));
    }

    /** The run that holds {@code doc}, searched from run {@code from} on (it holds no earlier document). */
    int runOf(int doc, int from) {
        int low = Math.max(0, from);
        if (starts[low + 1] > doc) {
            return low;
        }
        if (starts[low + 2] > doc) {
            return low + 1;
        }
        int found = Arrays.binarySearch(starts, low + 2, starts.length, doc);
        return found >= 0 ? found : -found - 2;
    }

    /**
     * The run of conversation ordinal {@code ord} among runs {@code [from, to)}, whose ordinals ascend (one user's
     * runs), or -1 when none is.
     */
    int runOfOrd(int ord, int from, int to) {
        int found = Arrays.binarySearch(ords, from, to, ord);
        return found >= 0 ? found : -1;
    }

    /** The first document after run {@code run}. */
    int end(int run) {
        return starts[run + 1];
    }

    /** The conversation ordinal of run {@code run} (-1 when its documents have none). */
    int ord(int run) {
        return ords[run];
    }
}
