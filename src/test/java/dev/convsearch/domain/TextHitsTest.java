package dev.convsearch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TextHitsTest {

    /** {@code matching} matches out of {@code conversations} of the user's. */
    private static TextHits hits(int matching, int conversations) {
        List<String> ids = IntStream.range(0, matching).mapToObj(i -> "c" + i).toList();
        return new TextHits(ids, new int[matching], new float[matching], conversations);
    }

    @Test
    void mostIsMoreThanHalf() {
        assertTrue(hits(5, 8).most());
        assertFalse(hits(4, 8).most());
        assertFalse(hits(0, 0).most());
    }

    @Test
    void toFindAPageReadsAsManyMoreAsTheMatchesAreRareAndAQuarterMore() {
        assertEquals(27, hits(8_000, 8_000).toFind(21), "all match: the page and a quarter");
        assertEquals(53, hits(4_001, 8_000).toFind(21), "half match: twice that");
        assertEquals(21, hits(3, 2).toFind(21), "never fewer than wanted");
        assertEquals(21, hits(0, 0).toFind(21), "nothing known: the page");
        assertEquals(Integer.MAX_VALUE, hits(1, Integer.MAX_VALUE).toFind(21), "no overflow");
    }
}
