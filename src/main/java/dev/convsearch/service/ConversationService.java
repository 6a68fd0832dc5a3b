package dev.convsearch.service;

import static dev.convsearch.domain.ConversationField.LAST_UPDATED_AT;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.ConversationInfoResultSet;
import dev.convsearch.api.Timestamps;
import dev.convsearch.api.validation.ConversationIds;
import dev.convsearch.domain.ConversationChange;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.error.ConversationExistsException;
import dev.convsearch.error.ConversationNotFoundException;
import dev.convsearch.repository.ConversationDocument;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.repository.MongoErrors;
import io.smallrye.mutiny.Uni;

/** Searching, reading, creating, changing and deleting conversations, always within the caller's own. */
@ApplicationScoped
public class ConversationService {

    private final ConversationRepository repository;
    private final PageCursors cursors;

    public ConversationService(ConversationRepository repository, PageCursors cursors) {
        this.repository = repository;
        this.cursors = cursors;
    }

    /**
     * One page of {@code filter}'s conversations in {@code order}, after {@code after} (the first page when null).
     * Reads one more than {@code limit} to learn whether another page follows.
     */
    public Uni<ConversationInfoResultSet> search(SearchFilter filter, SortOrder order, int limit, PagePosition after) {
        Instant asOf = after == null ? Timestamps.now() : after.asOf();
        return repository.findPage(filter, order, after, limit + 1)
                .map(docs -> resultSet(docs, filter, order, limit, asOf));
    }

    /** How many of the caller's conversations match {@code filter}. */
    public Uni<Long> count(SearchFilter filter) {
        return repository.count(filter);
    }

    /** The caller's conversation {@code conversationId}; 404 when it is not theirs or does not exist. */
    public Uni<ConversationInfo> get(String userId, String conversationId) {
        return ifPossibleId(conversationId, () -> repository.findOne(userId, conversationId))
                .onItem().ifNull().failWith(ConversationNotFoundException::new)
                .map(ConversationMapper::toInfo);
    }

    /** Stores a new conversation for the caller, with defaults for what {@code given} lacks; 409 for a known id. */
    public Uni<ConversationInfo> create(String userId, ConversationChange given) {
        return repository.insert(userId, given.orElse(ConversationDefaults.of(given, Timestamps.now())))
                .onFailure(MongoErrors::isDuplicateKey).transform(e -> new ConversationExistsException())
                .map(ConversationMapper::toInfo);
    }

    /**
     * Changes the fields {@code change} sets on the caller's conversation; {@code last_updated_at} becomes now unless
     * given. 404 when it is not the caller's.
     */
    public Uni<ConversationInfo> patch(String userId, String conversationId, ConversationChange change) {
        ConversationChange stamped = change.orElse(ConversationChange.none().with(LAST_UPDATED_AT, Timestamps.now()));
        return ifPossibleId(conversationId, () -> repository.update(userId, conversationId, stamped))
                .onItem().ifNull().failWith(ConversationNotFoundException::new)
                .map(ConversationMapper::toInfo);
    }

    /** Deletes the caller's conversation; 404 when it is not theirs or does not exist. */
    public Uni<Void> delete(String userId, String conversationId) {
        return ifPossibleId(conversationId, () -> repository.delete(userId, conversationId))
                .onItem().transformToUni(deleted -> deleted ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new ConversationNotFoundException()));
    }

    /** {@code lookup}'s result, or a 404 without asking the database when no conversation can have that id. */
    private static <T> Uni<T> ifPossibleId(String conversationId, Supplier<Uni<T>> lookup) {
        return ConversationIds.isValid(conversationId) ? lookup.get()
                : Uni.createFrom().failure(new ConversationNotFoundException());
    }

    private ConversationInfoResultSet resultSet(List<ConversationDocument> docs, SearchFilter filter, SortOrder order,
            int limit, Instant asOf) {
        boolean more = docs.size() > limit;
        List<ConversationDocument> page = more ? docs.subList(0, limit) : docs;
        String next = more
                ? cursors.encode(ConversationRepository.positionOf(page.get(page.size() - 1), order, asOf), filter,
                        order)
                : null;
        return new ConversationInfoResultSet(page.stream().map(ConversationMapper::toInfo).toList(), next);
    }
}
