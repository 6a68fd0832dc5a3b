package dev.convsearch.search;

import java.io.IOException;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.internal.hppc.IntIntHashMap;

/**
 * For two segments, another one and the main one: the main segment's conversation ordinal of each of the other's, by
 * id, so that a search finds a conversation's row by ordinals instead of hashing ids. Each is looked up (a search of
 * the main segment's ids) when a search first asks for it, and kept for both segments' life, in a hash map of what was
 * asked (about 16 bytes an ordinal): not an array of the other segment's conversations, which for a large segment of
 * other users' conversations beside a small main one would take megabytes for a few conversations.
 */
final class MainOrdinals {

    /** By the other segment's core, then the main one's: a segment's core never changes. */
    private static final Map<IndexReader.CacheKey, Map<IndexReader.CacheKey, MainOrdinals>> MADE = new WeakHashMap<>();

    /** The main segment's ordinal of each ordinal of the other looked up, -1 where it has no such id. */
    private final IntIntHashMap known = new IntIntHashMap();

    /** The main ordinals of {@code other}'s conversations in {@code main}. */
    static MainOrdinals of(LeafReader other, LeafReader main) {
        IndexReader.CacheHelper otherCore = other.getCoreCacheHelper();
        IndexReader.CacheHelper mainCore = main.getCoreCacheHelper();
        if (otherCore == null || mainCore == null) {
            return new MainOrdinals();
        }
        synchronized (MADE) {
            return MADE.computeIfAbsent(otherCore.getKey(), key -> new WeakHashMap<>())
                    .computeIfAbsent(mainCore.getKey(), key -> new MainOrdinals());
        }
    }

    /**
     * The main segment's ordinal of the other's conversation {@code ord} (negative when it has none), {@code other}
     * and {@code main} being the two segments' conversations. Two searches may look one up at once: both find the
     * same number.
     */
    int of(int ord, SortedDocValues other, SortedDocValues main) throws IOException {
        synchronized (known) {
            int at = known.indexOf(ord);
            if (known.indexExists(at)) {
                return known.indexGet(at);
            }
        }
        int found = Math.max(-1, main.lookupTerm(other.lookupOrd(ord)));
        synchronized (known) {
            known.put(ord, found);
        }
        return found;
    }
}
