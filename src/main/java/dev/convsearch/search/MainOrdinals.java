package dev.convsearch.search;

import static dev.convsearch.search.IndexedTexts.CONVERSATION;

import java.io.IOException;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;

/**
 * For two segments, another one and the main one: the main segment's conversation ordinal of each of the other's, by
 * id, so that a search finds a conversation's row by ordinals instead of hashing ids. Each is looked up (a search of
 * the main segment's ids) when a search first asks for it, and kept for both segments' life: 4 bytes for each
 * conversation of the other segment.
 */
final class MainOrdinals {

    /** By the other segment's core, then the main one's: a segment's core never changes. */
    private static final Map<IndexReader.CacheKey, Map<IndexReader.CacheKey, MainOrdinals>> MADE = new WeakHashMap<>();

    /** 0 where not looked up yet, -1 where the main segment has no such id, else the main segment's ordinal + 1. */
    private final int[] plusOne;

    private MainOrdinals(int values) {
        plusOne = new int[values];
    }

    /** The main ordinals of {@code other}'s conversations in {@code main}. */
    static MainOrdinals of(LeafReader other, LeafReader main) throws IOException {
        int values = other.getSortedDocValues(CONVERSATION).getValueCount();
        IndexReader.CacheHelper otherCore = other.getCoreCacheHelper();
        IndexReader.CacheHelper mainCore = main.getCoreCacheHelper();
        if (otherCore == null || mainCore == null) {
            return new MainOrdinals(values);
        }
        synchronized (MADE) {
            return MADE.computeIfAbsent(otherCore.getKey(), key -> new WeakHashMap<>())
                    .computeIfAbsent(mainCore.getKey(), key -> new MainOrdinals(values));
        }
    }

    /**
     * The main segment's ordinal of the other's conversation {@code ord} (negative when it has none), {@code other}
     * and {@code main} being the two segments' conversations. Two searches may look one up at once: both write the
     * same number.
     */
    int of(int ord, SortedDocValues other, SortedDocValues main) throws IOException {
        int known = plusOne[ord];
        if (known == 0) {
            int found = main.lookupTerm(other.lookupOrd(ord));
            known = found >= 0 ? found + 1 : -1;
            plusOne[ord] = known;
        }
        return known - 1;
    }
}
