package dev.convsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.convsearch.api.TextMatch;

class FragmentsTest {

    @Test
    void aShortTextIsItsOwnFragmentWithMatchesInCodePoints() {
        String text = "🎉 the café test";
        int at = text.indexOf("test");
        Fragments.Fragment fragment = Fragments.cut(text, List.of(new Fragments.Span(at, at + 4)));
        assertEquals(text, fragment.text());
        TextMatch.Match match = fragment.matches().get(0);
        assertEquals("test", match.text());
        assertEquals(List.of(11, 15), match.indices(), "the emoji counts once, as in Python");
        assertEquals(match.text(), slice(fragment.text(), match.indices()));
    }

    @Test
    void aLongTextIsCutToThreeHundredCodePointsAroundTheMostMatches() {
        String text = "word ".repeat(200) + "needle and needle " + "🎈 ".repeat(300) + "needle";
        List<Fragments.Span> spans = new java.util.ArrayList<>();
        for (int at = text.indexOf("needle"); at >= 0; at = text.indexOf("needle", at + 1)) {
            spans.add(new Fragments.Span(at, at + 6));
        }
        Fragments.Fragment fragment = Fragments.cut(text, spans);
        assertTrue(fragment.text().codePointCount(0, fragment.text().length()) <= TextMatch.MAX_FRAGMENT);
        assertEquals(2, fragment.matches().size(), "the window with two matches");
        assertTrue(fragment.text().startsWith("word "), "starts at a word: " + fragment.text());
        for (TextMatch.Match match : fragment.matches()) {
            assertEquals("needle", slice(fragment.text(), match.indices()));
        }
    }

    @Test
    void overlappingMatchesCountOnce() {
        Fragments.Fragment fragment = Fragments.cut("run the tests", List.of(new Fragments.Span(0, 13),
                new Fragments.Span(8, 13)));
        assertEquals(1, fragment.matches().size());
    }

    @Test
    void everyMatchIsItsTextAtItsIndicesWithOrWithoutCharactersBeyondTheBasicPlane() {
        java.util.Random random = new java.util.Random(29);
        String[] words = { "needle", "hay", "café", "日本語", "🎈", "x", "déjà" };
        for (int round = 0; round < 300; round++) {
            boolean plain = round % 2 == 0;
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(400); i >= 0; i--) {
                String word = words[random.nextInt(words.length)];
                text.append(plain && word.equals("🎈") ? "hay" : word).append(' ');
            }
            List<Fragments.Span> spans = new java.util.ArrayList<>();
            for (int at = text.indexOf("needle"); at >= 0; at = text.indexOf("needle", at + 1)) {
                spans.add(new Fragments.Span(at, at + 6));
            }
            Fragments.Fragment fragment = Fragments.cut(text.toString(), spans);
            assertTrue(fragment.text().codePointCount(0, fragment.text().length()) <= TextMatch.MAX_FRAGMENT);
            assertTrue(text.toString().contains(fragment.text()));
            assertEquals(spans.isEmpty(), fragment.matches().isEmpty(), "a window holds a match when there is one");
            for (TextMatch.Match match : fragment.matches()) {
                assertEquals("needle", match.text());
                assertEquals("needle", slice(fragment.text(), match.indices()), "round " + round);
            }
        }
    }

    /** {@code text[start:end]} counted in code points. */
    private static String slice(String text, List<Integer> indices) {
        return new String(text.codePoints().skip(indices.get(0)).limit(indices.get(1) - indices.get(0)).toArray(), 0,
                indices.get(1) - indices.get(0));
    }
}
