package dev.convsearch.service;

import static dev.convsearch.domain.ConversationField.ARCHIVED;
import static dev.convsearch.domain.ConversationField.LAST_UPDATED_AT;
import static dev.convsearch.domain.ConversationField.TAGS;
import static dev.convsearch.domain.ConversationField.TITLE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.convsearch.api.BatchResult;
import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.NewConversation;
import dev.convsearch.api.Timestamps;
import dev.convsearch.api.validation.ConversationIds;
import dev.convsearch.domain.ConversationChange;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.domain.Tags;
import dev.convsearch.domain.TextQuery;
import dev.convsearch.domain.TextRelevance;
import dev.convsearch.error.ConversationExistsException;
import dev.convsearch.error.ConversationNotFoundException;
import dev.convsearch.repository.ConversationDocument;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.repository.MongoErrors;
import dev.convsearch.repository.Revisions;
import io.smallrye.mutiny.Uni;

/** Searching, reading, creating, changing, organising and deleting conversations, always within the caller's own. */
@ApplicationScoped
public class ConversationService {

    /** How often a batch update reads a conversation again when its tags changed under it. */
    private static final int ORGANISE_ATTEMPTS = 5;
    /** A change of these fields only is organising, not activity: it keeps {@code last_updated_at}. */
    private static final Set<?> ORGANISING = Set.of(TAGS, ARCHIVED);

    private final ConversationRepository repository;
    private final SubConversations subConversations;
    private final PageCursors cursors;
    private final Revisions revisions;
    private final ConversationTexts texts;

    public ConversationService(ConversationRepository repository, SubConversations subConversations,
            PageCursors cursors, Revisions revisions, ConversationTexts texts) {
        this.repository = repository;
        this.subConversations = subConversations;
        this.cursors = cursors;
        this.revisions = revisions;
        this.texts = texts;
    }

    /**
     * One page of {@code filter}'s conversations in {@code order}, after {@code after} (the first page when null), as
     * {@code view} shows them, made into {@code pageOf} (the items and the next page's cursor, or null). Reads one more
     * than {@code limit} to learn whether another page follows. With {@code q}, only the conversations the text index
     * matches, each with its {@code text_matches}.
     */
    public <T, R> Uni<R> search(SearchFilter filter, SortOrder order, int limit, PagePosition after,
            ConversationView<T> view, BiFunction<List<T>, String, R> pageOf) {
        Instant asOf = after == null ? revisions.walkStart() : after.asOf();
        TextQuery query = filter.textQuery();
        if (query == null) {
            return repository.findPage(filter, order, after, limit + 1)
                    .chain(docs -> page(filter, order, limit, asOf, docs, null, null, view, pageOf));
        }
        return texts.find(filter.userId(), query).chain(hits -> {
            if (hits.isEmpty()) {
                return Uni.createFrom().item(pageOf.apply(List.of(), null));
            }
            if (order == SortOrder.RELEVANCE) {
                return RelevancePage.read(repository, filter, limit + 1, after, hits).chain(found -> page(
                        filter, order, limit, asOf, found.docs(), query, found.relevance(), view, pageOf));
            }
            return DatePage.read(repository, filter, order, limit + 1, after, asOf, hits)
                    .chain(found -> page(filter, order, limit, asOf, found, query, null, view, pageOf));
        });
    }

    /**
     * A page of {@code docs} (one more than {@code limit} when another page follows), shown as {@code view} shows; with
     * {@code query} (else null), each with its text matches, and in a relevance order {@code matches} the relevance of
     * each (else null).
     */
    private <T, R> Uni<R> page(SearchFilter filter, SortOrder order, int limit, Instant asOf,
            List<ConversationDocument> docs, TextQuery query, Map<String, TextRelevance> matches,
            ConversationView<T> view, BiFunction<List<T>, String, R> pageOf) {
        boolean more = docs.size() > limit;
        List<ConversationDocument> page = more ? docs.subList(0, limit) : docs;
        String next = null;
        if (more) {
            ConversationDocument last = page.get(page.size() - 1);
            PagePosition position = order == SortOrder.RELEVANCE
                    ? new PagePosition(RelevancePage.rank(matches.get(last.conversationId), last.lastUpdatedAt),
                            last.conversationId, asOf)
                    : ConversationRepository.positionOf(last, order, asOf);
            next = cursors.encode(position, filter, order);
        }
        String nextPage = next;
        if (query == null) {
            return subConversations.views(filter.userId(), page, view, items -> pageOf.apply(items, nextPage));
        }
        List<String> ids = page.stream().map(doc -> doc.conversationId).toList();
        return texts.textMatches(filter.userId(), query, ids).chain(textMatches -> subConversations
                .views(filter.userId(), page, textMatches, view, items -> pageOf.apply(items, nextPage)));
    }

    /**
     * The caller's conversations {@code conversationIds}, in the order asked, as {@code view} shows them; null for an
     * id the caller does not hold.
     */
    public <T> Uni<List<T>> getAll(String userId, List<String> conversationIds, ConversationView<T> view) {
        List<String> possible = conversationIds.stream().filter(ConversationIds::isValid).distinct().toList();
        Uni<List<ConversationDocument>> found = possible.isEmpty() ? Uni.createFrom().item(List.of())
                : repository.findAll(userId, possible);
        return found.chain(docs -> subConversations.views(userId, docs, view, views -> {
            Map<String, T> byId = new HashMap<>();
            for (int i = 0; i < docs.size(); i++) {
                byId.put(docs.get(i).conversationId, views.get(i));
            }
            List<T> inOrder = new ArrayList<>(conversationIds.size());
            conversationIds.forEach(id -> inOrder.add(byId.get(id)));
            return inOrder;
        }));
    }

    /** How many of the caller's conversations match {@code filter}: as many as a walk of its search visits. */
    public Uni<Long> count(SearchFilter filter) {
        TextQuery query = filter.textQuery();
        if (query == null) {
            return repository.count(filter);
        }
        return texts.find(filter.userId(), query).chain(hits -> {
            if (hits.isEmpty()) {
                return Uni.createFrom().item(0L);
            }
            // when most of the user's conversations match, reading those the filter selects is cheaper than an $in of all
            if (hits.most()) {
                Set<String> matching = new HashSet<>(hits.ids());
                return repository.idsOf(filter).map(ids -> ids.stream().filter(matching::contains).count());
            }
            return repository.count(filter, hits.ids());
        });
    }

    /** The caller's conversation {@code conversationId}; 404 when it is not theirs or does not exist. */
    public Uni<ConversationInfo> get(String userId, String conversationId) {
        return info(userId, ifPossibleId(conversationId, () -> repository.findOne(userId, conversationId)));
    }

    /** Stores a new conversation for the caller, with defaults for what {@code given} lacks; 409 for a known id. */
    public Uni<ConversationInfo> create(String userId, ConversationChange given) {
        return repository.insert(userId, given.orElse(ConversationDefaults.of(given, Timestamps.now())))
                .onFailure(MongoErrors::isDuplicateKey).transform(e -> new ConversationExistsException())
                .call(doc -> texts.startAnew(userId, Map.of(doc.conversationId, doc.title), doc.revisedAt))
                .chain(doc -> subConversations.linked(userId,
                        doc.parentConversationId == null ? List.of() : List.of(doc.parentConversationId),
                        List.of(doc.conversationId)).map(children -> SubConversations.created(doc, children)));
    }

    /**
     * Changes the fields {@code change} sets on the caller's conversation; {@code last_updated_at} becomes now unless
     * given, or unless the change only organises (tags, archived). 404 when it is not the caller's.
     */
    public Uni<ConversationInfo> patch(String userId, String conversationId, ConversationChange change) {
        boolean organisingOnly = !change.fields().isEmpty() && ORGANISING.containsAll(change.fields());
        ConversationChange stamped = organisingOnly ? change
                : change.orElse(ConversationChange.none().with(LAST_UPDATED_AT, Timestamps.now()));
        return info(userId, ifPossibleId(conversationId, () -> repository.update(userId, conversationId, stamped)
                .call(doc -> doc != null && change.fields().contains(TITLE)
                        ? texts.keepTitles(userId, Map.of(doc.conversationId, doc.title))
                        : Uni.createFrom().voidItem())));
    }

    /**
     * Deletes the caller's conversation, then its texts; 404 when it is not theirs or does not exist. The conversation
     * goes first: a delete cut short between the two (a crash, an outage) leaves texts no search shows (a search shows
     * only conversations that exist), never a conversation that lost its events; sending it again (then a 404) forgets
     * them.
     */
    public Uni<Void> delete(String userId, String conversationId) {
        return ifPossibleId(conversationId, () -> repository.delete(userId, conversationId))
                .chain(deleted -> texts.forget(userId, List.of(conversationId)).replaceWith(deleted))
                .onItem().transformToUni(deleted -> Boolean.TRUE.equals(deleted) ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new ConversationNotFoundException()));
    }

    /** Deletes the caller's conversations among {@code conversationIds} (valid ids), then their texts, as {@link #delete}. */
    public Uni<BatchResult.Deleted> deleteAll(String userId, List<String> conversationIds) {
        List<String> ids = distinct(conversationIds);
        return repository.findAll(userId, ids).chain(found -> {
            Set<String> existing = found.stream().map(doc -> doc.conversationId).collect(Collectors.toSet());
            return repository.deleteAll(userId, existing).chain(() -> texts.forget(userId, ids))
                    .map(forgotten -> new BatchResult.Deleted(
                            ids.stream().filter(existing::contains).toList(),
                            ids.stream().filter(id -> !existing.contains(id)).toList()));
        });
    }

    /**
     * Adds and removes tags of, and archives or unarchives, the caller's conversations among {@code conversationIds}
     * (valid ids; tags as {@link Tags} keeps them). A conversation that would hold more than
     * {@value NewConversation#TAGS_MAX} tags is left unchanged and reported. Never changes {@code last_updated_at}.
     */
    public Uni<BatchResult.Updated> updateAll(String userId, List<String> conversationIds, Boolean archived,
            List<String> addTags, List<String> removeTags) {
        List<String> ids = distinct(conversationIds);
        List<String> add = Tags.normalise(addTags == null ? List.of() : addTags);
        List<String> remove = Tags.normalise(removeTags == null ? List.of() : removeTags);
        return repository.findAll(userId, ids).chain(found -> {
            Map<String, ConversationDocument> byId = found.stream()
                    .collect(Collectors.toMap(doc -> doc.conversationId, Function.identity()));
            List<Uni<Outcome>> outcomes = ids.stream()
                    .map(id -> organise(userId, id, byId.get(id), archived, add, remove, ORGANISE_ATTEMPTS))
                    .toList();
            return Uni.join().all(outcomes).andFailFast().map(results -> {
                List<String> updated = new ArrayList<>();
                List<String> notFound = new ArrayList<>();
                List<BatchResult.Failure> failed = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    Outcome outcome = results.get(i);
                    if (outcome == Outcome.UPDATED) {
                        updated.add(ids.get(i));
                    } else if (outcome == Outcome.NOT_FOUND) {
                        notFound.add(ids.get(i));
                    } else {
                        failed.add(new BatchResult.Failure(ids.get(i), "A conversation holds at most "
                                + NewConversation.TAGS_MAX + " tags"));
                    }
                }
                return new BatchResult.Updated(updated, notFound, failed);
            });
        });
    }

    private enum Outcome {
        UPDATED,
        NOT_FOUND,
        TOO_MANY_TAGS
    }

    /**
     * Organises one conversation, read as {@code current}: its new tags are written only if its tags are still the ones
     * read, else it is read again (at most {@code attempts} times), so a concurrent change is never lost.
     */
    private Uni<Outcome> organise(String userId, String id, ConversationDocument current, Boolean archived,
            List<String> addTags, List<String> removeTags, int attempts) {
        if (current == null) {
            return Uni.createFrom().item(Outcome.NOT_FOUND);
        }
        Set<String> tags = new LinkedHashSet<>(current.tags == null ? List.of() : current.tags);
        tags.addAll(addTags);
        tags.removeAll(removeTags);
        if (tags.size() > NewConversation.TAGS_MAX) {
            return Uni.createFrom().item(Outcome.TOO_MANY_TAGS);
        }
        return repository.organise(userId, id, current.tags, Tags.normalise(tags), archived).chain(changed -> {
            if (changed != null) {
                return Uni.createFrom().item(Outcome.UPDATED);
            }
            if (attempts <= 1) {
                throw new IllegalStateException("Conversation " + id + " kept changing while it was organised");
            }
            return repository.findOne(userId, id)
                    .chain(again -> organise(userId, id, again, archived, addTags, removeTags, attempts - 1));
        });
    }

    /** The API record of the conversation {@code lookup} finds, with its sub-conversations; 404 when none. */
    private Uni<ConversationInfo> info(String userId, Uni<ConversationDocument> lookup) {
        return lookup.onItem().ifNull().failWith(ConversationNotFoundException::new)
                .chain(doc -> subConversations.info(userId, doc));
    }

    /** {@code lookup}'s result, or a 404 without asking the database when no conversation can have that id. */
    private static <T> Uni<T> ifPossibleId(String conversationId, Supplier<Uni<T>> lookup) {
        return ConversationIds.isValid(conversationId) ? lookup.get()
                : Uni.createFrom().failure(new ConversationNotFoundException());
    }

    /** {@code ids} without repeats, in the order first given. */
    private static List<String> distinct(List<String> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
