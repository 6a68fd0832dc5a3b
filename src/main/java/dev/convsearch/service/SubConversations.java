package dev.convsearch.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.TextMatch;
import dev.convsearch.repository.ConversationDocument;
import dev.convsearch.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;

/**
 * {@code sub_conversation_ids}: computed when a conversation is read, never stored on it. A search looks them up only
 * for the conversations marked as possible parents ({@code has_sub_conversations}), so the default search costs no
 * second round trip. The mark is kept by one rule, applied after every write that brings a parent and a child
 * together: a written child marks its parent (if it exists), and a created conversation marks itself if children
 * arrived before it (an import does this once, at its end). Each side writes before it looks at the other, so
 * whichever arrives last finds the first.
 */
@ApplicationScoped
public class SubConversations {

    private final ConversationRepository repository;

    public SubConversations(ConversationRepository repository) {
        this.repository = repository;
    }

    /**
     * After a write: marks the {@code parents} its children named, and those of the {@code created} conversations that
     * already have children; the children of the created ones, by parent.
     */
    Uni<Map<String, List<String>>> linked(String userId, Collection<String> parents, Collection<String> created) {
        return repository.markParents(userId, parents)
                .chain(() -> repository.subConversations(userId, created))
                .call(found -> repository.markParents(userId, found.keySet()));
    }

    /**
     * After an import, which marked the parents its children named as it went: marks every parent any of the user's
     * children names, which covers the conversations the import created after their children (one read, not one per
     * batch). A child written meanwhile by another request is seen by this pass, or finds its parent there and marks
     * it itself.
     */
    Uni<Void> reconciled(String userId) {
        return repository.parentsNamed(userId).chain(parents -> repository.markParents(userId, parents))
                .replaceWithVoid();
    }

    /**
     * {@code docs} as {@code view} shows them, in their order, each with the ids of its sub-conversations, made into
     * {@code result}. Looks up only the conversations marked as possible parents (with none, the repository answers at
     * once).
     */
    <T, R> Uni<R> views(String userId, List<ConversationDocument> docs, ConversationView<T> view,
            Function<List<T>, R> result) {
        return views(userId, docs, null, view, result);
    }

    /** {@link #views}, each with its {@code text_matches} in {@code textMatches} (none: a search without q). */
    <T, R> Uni<R> views(String userId, List<ConversationDocument> docs, Map<String, List<TextMatch>> textMatches,
            ConversationView<T> view, Function<List<T>, R> result) {
        List<String> parents = new ArrayList<>();
        for (ConversationDocument doc : docs) {
            if (Boolean.TRUE.equals(doc.hasSubConversations)) {
                parents.add(doc.conversationId);
            }
        }
        return repository.subConversations(userId, parents)
                .map(subs -> result.apply(shown(docs, subs, textMatches, view)));
    }

    private static <T> List<T> shown(List<ConversationDocument> docs, Map<String, List<String>> subs,
            Map<String, List<TextMatch>> textMatches, ConversationView<T> view) {
        List<T> shown = new ArrayList<>(docs.size());
        for (ConversationDocument doc : docs) {
            shown.add(view.of(doc, subs.getOrDefault(doc.conversationId, List.of()),
                    textMatches == null ? null : textMatches.getOrDefault(doc.conversationId, List.of())));
        }
        return shown;
    }

    /** The API record of {@code doc}, a conversation just created, whose children {@link #linked} found. */
    static ConversationInfo created(ConversationDocument doc, Map<String, List<String>> children) {
        return ConversationMapper.INFO.of(doc, children.getOrDefault(doc.conversationId, List.of()), null);
    }

    /** The API record of {@code doc}, with the ids of its sub-conversations. */
    Uni<ConversationInfo> info(String userId, ConversationDocument doc) {
        return views(userId, List.of(doc), ConversationMapper.INFO, infos -> infos.get(0));
    }
}
