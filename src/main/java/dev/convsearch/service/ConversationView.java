package dev.convsearch.service;

import java.util.List;

import dev.convsearch.api.TextMatch;
import dev.convsearch.repository.ConversationDocument;

/**
 * How the API shows a conversation: {@link ConversationMapper#INFO} ({@code /api/conversations}) or
 * {@link ConversationMapper#APP} (the OpenHands V1 surface). One search serves both.
 */
@FunctionalInterface
public interface ConversationView<T> {

    /**
     * {@code doc} as shown, with the ids of its sub-conversations, and its best matching events in a search with
     * {@code q} (null without).
     */
    T of(ConversationDocument doc, List<String> subConversationIds, List<TextMatch> textMatches);
}
