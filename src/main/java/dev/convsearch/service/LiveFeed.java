package dev.convsearch.service;

import static dev.convsearch.domain.ConversationField.ACCUMULATED_COST;
import static dev.convsearch.domain.ConversationField.COMPLETION_TOKENS;
import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.CREATED_AT;
import static dev.convsearch.domain.ConversationField.EXECUTION_STATUS;
import static dev.convsearch.domain.ConversationField.LLM_MODEL;
import static dev.convsearch.domain.ConversationField.PARENT_CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.PROMPT_TOKENS;
import static dev.convsearch.domain.ConversationField.RUNTIME_STATUS;
import static dev.convsearch.domain.ConversationField.STATUS;
import static dev.convsearch.domain.ConversationField.TAGS;
import static dev.convsearch.domain.ConversationField.TITLE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.NewConversation;
import dev.convsearch.api.RuntimeStatus;
import dev.convsearch.api.Timestamps;
import dev.convsearch.domain.ConversationChange;
import dev.convsearch.domain.ConversationEvent;
import dev.convsearch.domain.FeedUpdate;
import dev.convsearch.domain.Tags;
import dev.convsearch.error.ConversationNotFoundException;
import dev.convsearch.repository.ConversationDocument;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.repository.FeedDeletionRepository;
import dev.convsearch.repository.MongoErrors;
import io.smallrye.mutiny.Uni;

/**
 * The live feed from OpenHands agent-servers (their webhooks): the conversation infos and the event batches they post,
 * applied to the caller's conversations. A conversation is made on first sight, from either, since events may come
 * first; an id another user holds is a 404 and nothing is kept; an info older than the last one applied changes
 * nothing; what the agent-server does not know (repository, trigger, pull requests, ...) is never overwritten; a
 * conversation the agent-server deleted is not made again by the events it flushes after.
 */
@ApplicationScoped
public class LiveFeed {

    /** What became of an info or a batch. */
    public enum Outcome {
        /** Applied (the conversation made first when new). */
        APPLIED,
        /** An info older than the last one applied: nothing changed. */
        STALE,
        /** The conversation was deleted by its agent-server: nothing kept. */
        DELETED
    }

    private final ConversationRepository repository;
    private final FeedDeletionRepository deletions;
    private final ConversationService conversations;
    private final ConversationTexts texts;
    private final SubConversations subConversations;

    public LiveFeed(ConversationRepository repository, FeedDeletionRepository deletions,
            ConversationService conversations, ConversationTexts texts, SubConversations subConversations) {
        this.repository = repository;
        this.deletions = deletions;
        this.conversations = conversations;
        this.texts = texts;
        this.subConversations = subConversations;
    }

    /** Applies a conversation info the agent-server posted. */
    public Uni<Outcome> info(String userId, String conversationId, FeedUpdate info) {
        return repository.findOne(userId, conversationId).chain(existing -> {
            if (existing == null) {
                return firstSight(userId, conversationId, info.createdAt())
                        .chain(made -> made == null ? Uni.createFrom().item(Outcome.DELETED)
                                : applyInfo(userId, made, info));
            }
            return applyInfo(userId, existing, info);
        });
    }

    /**
     * Deletes the conversation and its events, as its agent-server did; nothing to delete is no error, and later events
     * make nothing. 404 when the caller holds no such conversation and another user does.
     */
    public Uni<Outcome> delete(String userId, String conversationId) {
        return repository.findOne(userId, conversationId)
                .chain(own -> own != null ? Uni.createFrom().voidItem()
                        : requireNotHeldByAnother(userId, conversationId))
                .chain(() -> deletions.record(userId, conversationId))
                .chain(() -> conversations.delete(userId, conversationId)
                        .onFailure(ConversationNotFoundException.class).recoverWithNull())
                .replaceWith(Outcome.DELETED);
    }

    /**
     * Keeps a batch of events the agent-server posted ({@code events}, their texts) and applies what its state
     * updates said ({@code state}); {@code activityAt} is the latest time of its events, which moves
     * {@code last_updated_at} up (never back), or null.
     */
    public Uni<Outcome> events(String userId, String conversationId, List<ConversationEvent> events, FeedUpdate state,
            Instant activityAt) {
        ConversationChange change = stateChange(state);
        // the events first, then the conversation's write, which tells whether they may stay: two round trips
        return texts.keepEventsIf(userId, conversationId, events,
                () -> repository.applyFeed(userId, conversationId, change, activityAt, null).chain(applied -> {
                    if (applied != null) {
                        return Uni.createFrom().item(true);
                    }
                    // made anew, it forgot what was written before it, this batch included: kept again
                    return firstSight(userId, conversationId, earliest(events))
                            .chain(made -> made == null ? Uni.createFrom().item(false)
                                    : texts.keepEventsIf(userId, conversationId, events,
                                            () -> repository.applyFeed(userId, conversationId, change, activityAt,
                                                    null).map(again -> again != null)));
                })).map(kept -> kept ? Outcome.APPLIED : Outcome.DELETED);
    }

    private Uni<Outcome> applyInfo(String userId, ConversationDocument existing, FeedUpdate info) {
        if (existing.infoUpdatedAt != null && info.infoUpdatedAt() != null
                && existing.infoUpdatedAt.isAfter(info.infoUpdatedAt())) {
            return Uni.createFrom().item(Outcome.STALE);
        }
        ConversationChange change = stateChange(info);
        String title = info.title() == null ? null : cut(info.title(), NewConversation.TITLE_MAX);
        if (title != null) {
            change = change.with(TITLE, title);
        }
        if (info.tags() != null) {
            change = change.with(TAGS, mergedTags(existing.tags, info.tags()));
        }
        if (existing.infoUpdatedAt == null && info.createdAt() != null) {
            change = change.with(CREATED_AT, info.createdAt());
        }
        boolean parentNamed = existing.parentConversationId == null && info.parentConversationId() != null;
        if (parentNamed) {
            change = change.with(PARENT_CONVERSATION_ID, info.parentConversationId());
        }
        boolean titled = title != null && !title.equals(existing.title);
        // an info without updated_at (the SDK always sends one) is applied, and orders nothing
        return repository.applyFeed(userId, existing.conversationId, change, info.infoUpdatedAt(),
                info.infoUpdatedAt())
                .chain(applied -> {
                    if (applied == null) {
                        return Uni.createFrom().item(Outcome.STALE);
                    }
                    Uni<Void> keptTitle = titled
                            ? texts.keepTitles(userId, Map.of(applied.conversationId, applied.title))
                            : Uni.createFrom().voidItem();
                    Uni<Void> parent = parentNamed ? subConversations.linked(userId,
                            List.of(info.parentConversationId()), List.of(applied.conversationId)).replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return keptTitle.chain(() -> parent).replaceWith(Outcome.APPLIED);
                });
    }

    /**
     * The conversation the feed sees for the first time: made with OpenHands' defaults (created at {@code createdAt},
     * else now), or null when its agent-server deleted it; 404 when another user holds its id.
     */
    private Uni<ConversationDocument> firstSight(String userId, String conversationId, Instant createdAt) {
        return deletions.deleted(userId, conversationId).chain(deleted -> {
            if (deleted) {
                return Uni.createFrom().nullItem();
            }
            ConversationChange given = ConversationChange.none().with(CONVERSATION_ID, conversationId);
            if (createdAt != null) {
                given = given.with(CREATED_AT, createdAt);
            }
            ConversationChange made = given.orElse(ConversationDefaults.of(given, Timestamps.now()));
            return requireNotHeldByAnother(userId, conversationId)
                    .chain(() -> repository.insert(userId, made))
                    .call(doc -> texts.startAnew(userId, Map.of(doc.conversationId, doc.title), doc.revisedAt))
                    .call(doc -> subConversations.linked(userId, List.of(), List.of(doc.conversationId)))
                    // the info and the first events come at once: one of them made it
                    .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> repository.findOne(userId,
                            conversationId));
        });
    }

    private Uni<Void> requireNotHeldByAnother(String userId, String conversationId) {
        return repository.heldByAnother(userId, conversationId).invoke(held -> {
            if (held) {
                throw new ConversationNotFoundException();
            }
        }).replaceWithVoid();
    }

    /**
     * What the agent-server's state says of the conversation: its execution status, and the status convsearch shows
     * for it (RUNNING while the agent works, else STOPPED; the runtime READY while it works, ERROR when it failed or is
     * stuck); the model; the usage.
     */
    static ConversationChange stateChange(FeedUpdate state) {
        ConversationChange change = ConversationChange.none();
        if (state.executionStatus() != null) {
            change = change.with(EXECUTION_STATUS, state.executionStatus());
            switch (state.executionStatus()) {
                case "running", "waiting_for_confirmation" -> change = change
                        .with(STATUS, ConversationStatus.RUNNING).with(RUNTIME_STATUS, RuntimeStatus.STATUS$READY);
                case "idle", "paused", "finished" -> change = change
                        .with(STATUS, ConversationStatus.STOPPED).with(RUNTIME_STATUS, null);
                case "error", "stuck" -> change = change
                        .with(STATUS, ConversationStatus.STOPPED).with(RUNTIME_STATUS, RuntimeStatus.STATUS$ERROR);
                default -> {
                    // a status this version does not know: kept as it is, the status shown unchanged
                }
            }
        }
        if (state.llmModel() != null) {
            change = change.with(LLM_MODEL, state.llmModel());
        }
        if (state.usage() != null) {
            change = change.with(ACCUMULATED_COST, state.usage().accumulatedCost())
                    .with(PROMPT_TOKENS, state.usage().promptTokens())
                    .with(COMPLETION_TOKENS, state.usage().completionTokens());
        }
        return change;
    }

    /**
     * The SDK's key-value tags merged into the conversation's tags as {@code key:value}, as the app server merges
     * them: a key the SDK gives replaces that key's tag, every other tag stays. Each is cut to
     * {@value NewConversation#TAG_MAX} characters; past {@value NewConversation#TAGS_MAX} tags, the SDK's last ones (by
     * key) are left out.
     */
    static List<String> mergedTags(List<String> current, Map<String, String> sdkTags) {
        Map<String, String> incoming = new TreeMap<>(sdkTags);
        List<String> merged = new ArrayList<>();
        for (String tag : current == null ? List.<String> of() : current) {
            int colon = tag.indexOf(':');
            if (colon < 0 || !incoming.containsKey(tag.substring(0, colon))) {
                merged.add(tag);
            }
        }
        for (Map.Entry<String, String> tag : incoming.entrySet()) {
            String text = cut((tag.getKey() + ":" + tag.getValue()).strip(), NewConversation.TAG_MAX);
            if (merged.size() < NewConversation.TAGS_MAX && !text.isEmpty() && !merged.contains(text)) {
                merged.add(text);
            }
        }
        return Tags.normalise(merged);
    }

    /** {@code text}'s first {@code max} code points. */
    static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max)).strip();
    }

    private static Instant earliest(List<ConversationEvent> events) {
        return events.stream().map(ConversationEvent::timestamp).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
    }
}
