package dev.convsearch.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.ConversationInfoResultSet;
import dev.convsearch.api.NewConversation;
import dev.convsearch.api.SortOrder;
import dev.convsearch.api.Timestamps;
import dev.convsearch.error.ConversationExistsException;
import dev.convsearch.error.ConversationNotFoundException;
import dev.convsearch.error.JsonErrors;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.ValidationError;
import dev.convsearch.repository.ConversationDocument;
import dev.convsearch.repository.ConversationQueries;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.repository.MongoErrors;
import io.smallrye.mutiny.Uni;

/** Searching, reading, creating, changing and deleting conversations, always within the caller's own. */
@ApplicationScoped
public class ConversationService {

    private final ConversationRepository repository;
    private final PageCursors cursors;
    private final ObjectMapper mapper;

    public ConversationService(ConversationRepository repository, PageCursors cursors, ObjectMapper mapper) {
        this.repository = repository;
        this.cursors = cursors;
        this.mapper = mapper;
    }

    /**
     * One page of {@code filter}'s conversations in {@code order}, after the page {@code pageId} names (the first page
     * when null). Reads one more than {@code limit} to learn whether another page follows.
     */
    public Uni<ConversationInfoResultSet> search(SearchFilter filter, SortOrder order, int limit, String pageId) {
        CursorPosition after = pageId == null ? null
                : cursors.decode(pageId, filter, order).orElseThrow(() -> new RequestValidationException(
                        ValidationError.query("page_id",
                                "Invalid page_id: not a cursor of this search (same filters and sort order)",
                                "value_error")));
        Instant asOf = after == null ? Timestamps.now() : after.asOf();
        return repository
                .findPage(ConversationQueries.pageFilter(filter, order, after), ConversationQueries.sort(order),
                        limit + 1)
                .map(docs -> resultSet(docs, filter, order, limit, asOf));
    }

    /** How many of the caller's conversations match {@code filter}. */
    public Uni<Long> count(SearchFilter filter) {
        return repository.countMatching(ConversationQueries.filter(filter));
    }

    /** The caller's conversation {@code conversationId}; 404 when it is not theirs or does not exist. */
    public Uni<ConversationInfo> get(String userId, String conversationId) {
        return ifPossibleId(conversationId, () -> repository.findOne(userId, conversationId))
                .onItem().ifNull().failWith(ConversationNotFoundException::new)
                .map(ConversationMapper::toInfo);
    }

    /** Stores a new conversation for the caller; 409 when the caller already has its id. */
    public Uni<ConversationInfo> create(String userId, NewConversation body) {
        ConversationDocument doc = ConversationRules.newDocument(userId, body, Timestamps.now());
        return repository.persist(doc)
                .onFailure(MongoErrors::isDuplicateKey).transform(e -> new ConversationExistsException())
                .map(ConversationMapper::toInfo);
    }

    /**
     * Applies a PATCH body to the caller's conversation: only the fields it names change, and {@code last_updated_at}
     * becomes now unless given. 422 for immutable, unknown or invalid fields; 404 when it is not the caller's.
     */
    public Uni<ConversationInfo> patch(String userId, String conversationId, ObjectNode body) {
        ConversationRules.checkPatchable(body::fieldNames);
        NewConversation values = readBody(body);
        Set<String> present = new HashSet<>();
        body.fieldNames().forEachRemaining(present::add);
        ConversationDocument changes = ConversationRules.patch(present, values, Timestamps.now());
        present.add(ConversationDocument.LAST_UPDATED_AT);
        present.add(ConversationDocument.REVISED_AT);
        return ifPossibleId(conversationId, () -> repository.update(userId, conversationId, changes, present))
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
        return ConversationRules.isValidId(conversationId) ? lookup.get()
                : Uni.createFrom().failure(new ConversationNotFoundException());
    }

    private NewConversation readBody(ObjectNode body) {
        try {
            return mapper.treeToValue(body, NewConversation.class);
        } catch (JsonProcessingException e) {
            if (e instanceof MismatchedInputException mismatch) {
                throw new RequestValidationException(JsonErrors.of(mismatch));
            }
            throw new RequestValidationException(
                    new ValidationError(List.of("body"), "Input is not valid", "value_error"));
        }
    }

    private ConversationInfoResultSet resultSet(List<ConversationDocument> docs, SearchFilter filter, SortOrder order,
            int limit, Instant asOf) {
        boolean more = docs.size() > limit;
        List<ConversationDocument> page = more ? docs.subList(0, limit) : docs;
        String next = null;
        if (more) {
            ConversationDocument last = page.get(page.size() - 1);
            CursorPosition position = new CursorPosition(
                    order.field().equals(ConversationDocument.CREATED_AT) ? last.createdAt : last.lastUpdatedAt,
                    last.conversationId, asOf);
            next = cursors.encode(position, filter, order);
        }
        return new ConversationInfoResultSet(page.stream().map(ConversationMapper::toInfo).toList(), next);
    }
}
