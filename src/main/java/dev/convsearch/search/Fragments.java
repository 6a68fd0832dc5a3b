package dev.convsearch.search;

import java.util.ArrayList;
import java.util.List;

import dev.convsearch.api.TextMatch;

/**
 * Cuts the fragment of a {@code text_matches} entry out of an event's text: at most {@value TextMatch#MAX_FRAGMENT}
 * code points, placed to hold as many matches as it can, starting a little before the first of them (at a word's
 * start where one is near), and the matches inside it with their places counted in code points from its start.
 */
final class Fragments {

    /** How much text to show before the first match, in code points. */
    private static final int LEAD = 40;

    private Fragments() {
    }

    /** A match in the text, in UTF-16 offsets as Lucene gives them: [start, end). */
    record Span(int start, int end) {
    }

    /** The fragment of {@code text} around {@code spans} (sorted by start, any overlaps) and the matches in it. */
    static Fragment cut(String text, List<Span> spans) {
        CodePoints codePoints = new CodePoints(text);
        int length = codePoints.length();
        List<Located> points = new ArrayList<>();
        int charAt = 0;
        int pointAt = 0;
        for (Span span : spans) {
            if (span.start() < charAt || span.end() <= span.start()) {
                continue;
            }
            int start = pointAt + codePoints.between(charAt, span.start());
            int end = start + codePoints.between(span.start(), span.end());
            points.add(new Located(start, end, span));
            charAt = span.end();
            pointAt = end;
        }
        int from = 0;
        if (length > TextMatch.MAX_FRAGMENT) {
            int best = -1;
            for (int first = 0, last = 0; first < points.size(); first++) {
                int candidate = Math.max(0, Math.min(points.get(first).start() - LEAD, length - TextMatch.MAX_FRAGMENT));
                while (last < points.size() && points.get(last).end() <= candidate + TextMatch.MAX_FRAGMENT) {
                    last++;
                }
                int count = last - lowest(points, candidate, first);
                if (count > best) {
                    best = count;
                    from = candidate;
                }
            }
            int window = from;
            from = wordStart(text, codePoints, from, points.stream().mapToInt(Located::start)
                    .filter(start -> start >= window).findFirst().orElse(length));
        }
        int to = Math.min(length, from + TextMatch.MAX_FRAGMENT);
        String fragment = text.substring(codePoints.charIndex(from), codePoints.charIndex(to));
        List<TextMatch.Match> matches = new ArrayList<>();
        for (Located p : points) {
            if (p.start() >= from && p.end() <= to) {
                matches.add(new TextMatch.Match(text.substring(p.chars().start(), p.chars().end()),
                        List.of(p.start() - from, p.end() - from)));
            }
        }
        return new Fragment(fragment, matches);
    }

    /** A match at code points [start, end) of the text, and at {@code chars} in its chars. */
    private record Located(int start, int end, Span chars) {
    }

    /**
     * Code points and chars of one text: the same places when it has no character outside the Basic Multilingual
     * Plane (most texts), so that counting costs nothing; else counted by {@link String}'s own methods.
     */
    private record CodePoints(String text, int length) {
        CodePoints(String text) {
            this(text, text.codePointCount(0, text.length()));
        }

        /** How many code points chars {@code [start, end)} hold. */
        int between(int start, int end) {
            return length == text.length() ? end - start : text.codePointCount(start, end);
        }

        /** The char index of code point {@code point}. */
        int charIndex(int point) {
            return length == text.length() ? point : text.offsetByCodePoints(0, point);
        }
    }

    /** The first of the points up to {@code first} that starts at or after {@code candidate}. */
    private static int lowest(List<Located> points, int candidate, int first) {
        int index = first;
        while (index > 0 && points.get(index - 1).start() >= candidate) {
            index--;
        }
        return index;
    }

    /** A fragment and the matches in it. */
    record Fragment(String text, List<TextMatch.Match> matches) {
    }

    /** {@code from}, moved forward to the start of the next word when one starts before {@code limit}. */
    private static int wordStart(String text, CodePoints codePoints, int from, int limit) {
        if (from == 0) {
            return 0;
        }
        int at = codePoints.charIndex(from);
        if (Character.isWhitespace(text.codePointBefore(at))) {
            return from;
        }
        for (int point = from; point < limit; point++) {
            int c = text.codePointAt(at);
            if (Character.isWhitespace(c)) {
                return point + 1;
            }
            at += Character.charCount(c);
        }
        return from;
    }
}
