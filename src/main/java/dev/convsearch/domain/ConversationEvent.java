package dev.convsearch.domain;

import java.time.Instant;

/**
 * What is kept of one OpenHands event: its id (a V0 number as its decimal text), when (null when it gave none), who
 * ({@code user}, {@code agent} or {@code environment}; null when it gave none), its kind and its searchable text.
 */
public record ConversationEvent(String eventId, Instant timestamp, String source, String kind, String text) {

    /** This event of the user's conversation, as kept, written at {@code writtenAt}. */
    public KeptText kept(String userId, String conversationId, Instant writtenAt) {
        return new KeptText(userId, conversationId, eventId, timestamp, source, kind, KeptText.cut(text), writtenAt);
    }
}
