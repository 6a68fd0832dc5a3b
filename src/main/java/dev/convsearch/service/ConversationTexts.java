package dev.convsearch.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.convsearch.api.TextMatch;
import dev.convsearch.api.validation.ConversationIds;
import dev.convsearch.domain.ConversationEvent;
import dev.convsearch.domain.TextHits;
import dev.convsearch.domain.TextIndex;
import dev.convsearch.domain.TextQuery;
import dev.convsearch.error.ConversationNotFoundException;
import dev.convsearch.error.SearchIndexNotReadyException;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.repository.KeptTextRepository;
import io.smallrye.mutiny.Uni;

/**
 * What search inside conversations keeps and asks: the events and titles of the caller's conversations, written to
 * MongoDB first (the source of truth) and then to the text index, so that the next search on this replica finds them;
 * deleted conversations forgotten in both before the delete answers; and the index's answers to {@code q}.
 */
@ApplicationScoped
public class ConversationTexts {

    /** How many of a conversation's events {@code text_matches} shows. */
    public static final int TEXT_MATCHES = 3;

    private final ConversationRepository conversations;
    private final KeptTextRepository texts;
    private final TextIndex index;

    public ConversationTexts(ConversationRepository conversations, KeptTextRepository texts, TextIndex index) {
        this.conversations = conversations;
        this.texts = texts;
        this.index = index;
    }

    /**
     * Keeps {@code events} of the caller's conversation (an event sent again replaces the one kept); 404, and nothing
     * kept, when the conversation is not the caller's. A conversation deleted while its events were written loses them.
     */
    public Uni<Void> keepEvents(String userId, String conversationId, List<ConversationEvent> events) {
        return requireReady().chain(() -> ownConversation(userId, conversationId))
                .chain(() -> keepEventsIf(userId, conversationId, events,
                        () -> ownConversation(userId, conversationId).replaceWith(true)))
                .replaceWithVoid();
    }

    /**
     * Keeps {@code events} of the caller's conversation, then asks {@code kept} whether they may stay (the live feed
     * writes the conversation then, which tells whether the caller holds it): the conversation's texts are forgotten
     * when it answers false or fails with a 404 (any other failure, an outage, leaves them: sending the events again
     * replaces them). The conversation is looked at after the events are written, so one deleted meanwhile loses them.
     */
    public Uni<Boolean> keepEventsIf(String userId, String conversationId, List<ConversationEvent> events,
            Supplier<Uni<Boolean>> kept) {
        Uni<Void> written = events.isEmpty() ? Uni.createFrom().voidItem()
                : requireReady().chain(() -> texts.keepEvents(userId, conversationId, events)).chain(index::keep);
        return written.chain(() -> kept.get())
                .onFailure(ConversationNotFoundException.class).call(() -> forget(userId, List.of(conversationId)))
                .call(stay -> stay || events.isEmpty() ? Uni.createFrom().voidItem()
                        : forget(userId, List.of(conversationId)));
    }

    /**
     * Keeps the titles of the user's conversations, id to title, as they were just written. (While the index opens at
     * start, MongoDB alone keeps them, and the follower takes them in.)
     */
    public Uni<Void> keepTitles(String userId, Map<String, String> titles) {
        return texts.keepTitles(userId, titles).chain(index::keep);
    }

    /**
     * The texts of conversations just created ({@code createdAt}), id to title: what an earlier conversation of the same
     * id left (a delete cut short between its two steps by a crash or an outage) is forgotten first, so a conversation
     * made again never shows the events of its earlier life; then its title is kept. Only texts written before it was
     * created are forgotten: its own, written meanwhile, stay.
     */
    public Uni<Void> startAnew(String userId, Map<String, String> titles, Instant createdAt) {
        if (titles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return forgotten(userId, titles.keySet(), texts.forgetWrittenBefore(userId, titles.keySet(), createdAt))
                .chain(() -> keepTitles(userId, titles));
    }

    /** Forgets every text of the user's conversations {@code conversationIds} (just deleted), here and for every replica. */
    public Uni<Void> forget(String userId, Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return forgotten(userId, conversationIds, texts.forget(userId, conversationIds));
    }

    /**
     * After {@code forgetting} forgot texts in MongoDB, up to the time it answers, the same in the index; MongoDB held
     * none of them (null: the index is derived from it), nothing to forget there either.
     */
    private Uni<Void> forgotten(String userId, Collection<String> conversationIds, Uni<Instant> forgetting) {
        return forgetting.chain(at -> at == null ? Uni.createFrom().voidItem()
                : Uni.join().all(conversationIds.stream().map(id -> index.forget(userId, id, at)).toList())
                        .andFailFast().replaceWithVoid());
    }

    /** The user's conversations that hold every word and phrase of {@code query}, and how well. */
    public Uni<TextHits> find(String userId, TextQuery query) {
        return requireReady().chain(() -> index.find(userId, query));
    }

    /** Up to {@value #TEXT_MATCHES} best matching events of each of the user's conversations {@code ids}. */
    public Uni<Map<String, List<TextMatch>>> textMatches(String userId, TextQuery query, List<String> ids) {
        return index.textMatches(userId, query, ids, TEXT_MATCHES);
    }

    private Uni<Void> requireReady() {
        return index.ready() ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new SearchIndexNotReadyException());
    }

    private Uni<Void> ownConversation(String userId, String conversationId) {
        if (!ConversationIds.isValid(conversationId)) {
            return Uni.createFrom().failure(new ConversationNotFoundException());
        }
        return conversations.findOne(userId, conversationId).onItem().ifNull()
                .failWith(ConversationNotFoundException::new).replaceWithVoid();
    }
}
