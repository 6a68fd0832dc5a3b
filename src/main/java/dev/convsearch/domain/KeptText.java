package dev.convsearch.domain;

import java.time.Instant;

/**
 * One searchable text of a user's conversation, as MongoDB keeps it ({@code conversation_events}) and the text index
 * derives from it: an event's text (cut to {@value #MAX_TEXT_BYTES} bytes of UTF-8), or the conversation's title (the
 * row with the empty event id, {@link #TITLE}). {@code writtenAt} is when it was written, which the index follows.
 */
public record KeptText(String userId, String conversationId, String eventId, Instant timestamp, String source,
        String kind, String text, Instant writtenAt) {

    /** The kind of the row that holds a conversation's title. */
    public static final String TITLE = "title";
    /** An event's text is cut at this many bytes of UTF-8 (long command output), never within a character. */
    public static final int MAX_TEXT_BYTES = 16 * 1024;

    /** The row of the conversation's title. */
    public static KeptText title(String userId, String conversationId, String title, Instant writtenAt) {
        return new KeptText(userId, conversationId, "", null, null, TITLE, title, writtenAt);
    }

    /** Whether this is the conversation's title, not an event. */
    public boolean isTitle() {
        return TITLE.equals(kind) && eventId.isEmpty();
    }

    /** {@code text} cut to at most {@value #MAX_TEXT_BYTES} bytes of UTF-8, at a character's end. */
    public static String cut(String text) {
        if (text.length() <= MAX_TEXT_BYTES / 4) {
            return text;
        }
        int bytes = 0;
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes > MAX_TEXT_BYTES) {
                return text.substring(0, i);
            }
            i += Character.charCount(c);
        }
        return text;
    }
}
