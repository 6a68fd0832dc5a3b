package dev.convsearch.domain;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** How tags are kept: trimmed, case kept, duplicates dropped, sorted by code point. */
public final class Tags {

    private Tags() {
    }

    /** {@code tags} (strings) as they are kept. */
    public static List<String> normalise(Collection<?> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        TreeSet<String> kept = new TreeSet<>(Tags::byCodePoint);
        tags.forEach(tag -> kept.add(((String) tag).strip()));
        return List.copyOf(kept);
    }

    /** Code-point order (String's own compareTo orders UTF-16 units, which differs above U+FFFF). */
    public static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
