package dev.convsearch.repository;

import static dev.convsearch.domain.ConversationField.ARCHIVED;
import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.CREATED_AT;
import static dev.convsearch.domain.ConversationField.LAST_UPDATED_AT;
import static dev.convsearch.domain.ConversationField.PARENT_CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.TAGS;
import static dev.convsearch.domain.ConversationField.USER_ID;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;

import dev.convsearch.domain.ConversationChange;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.domain.Tags;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

/**
 * MongoDB access to {@code conversations}, in domain terms; every method is scoped to one user. Every write stamps
 * {@code revised_at}, which keeps a walk through the pages from seeing a conversation twice.
 */
@ApplicationScoped
public class ConversationRepository implements ReactivePanacheMongoRepository<ConversationDocument> {

    private static final Logger LOG = Logger.getLogger(ConversationRepository.class);

    private final Revisions revisions;
    /**
     * Conversations read as documents by searches with {@code q}, counts and batch gets: what a search's cost in MongoDB
     * grows with (a plain search reads its page, and is left as it was).
     */
    private final LongAdder read = new LongAdder();

    public ConversationRepository(Revisions revisions) {
        this.revisions = revisions;
    }

    /** At most {@code limit} of the conversations {@code filter} selects, in {@code order}, after {@code after}. */
    public Uni<List<ConversationDocument>> findPage(SearchFilter filter, SortOrder order, PagePosition after,
            int limit) {
        return find(ConversationQueries.pageFilter(filter, order, after), ConversationQueries.sort(order))
                .range(0, limit - 1).list();
    }

    /**
     * {@link #findPage}, counted in {@link #conversationsRead()}: for a search with {@code q} that reads the
     * conversations the filter selects and keeps its matches.
     */
    public Uni<List<ConversationDocument>> readPage(SearchFilter filter, SortOrder order, PagePosition after,
            int limit) {
        return counted(findPage(filter, order, after, limit));
    }

    /** {@link #findPage}, among the conversations {@code among} only. */
    public Uni<List<ConversationDocument>> findPage(SearchFilter filter, SortOrder order, PagePosition after,
            int limit, Collection<String> among) {
        return counted(find(ConversationQueries.among(ConversationQueries.pageFilter(filter, order, after), among),
                ConversationQueries.sort(order)).range(0, limit - 1).list());
    }

    /** How many conversations {@code filter} selects. */
    public Uni<Long> count(SearchFilter filter) {
        return count(ConversationQueries.filter(filter));
    }

    /** How many conversations among {@code among} {@code filter} selects. */
    public Uni<Long> count(SearchFilter filter, Collection<String> among) {
        return count(ConversationQueries.among(ConversationQueries.filter(filter), among));
    }

    /** The ids of the conversations {@code filter} selects, in no order (only the ids are read). */
    public Uni<List<String>> idsOf(SearchFilter filter) {
        return mongoCollection().withDocumentClass(Document.class)
                .find(ConversationQueries.filter(filter),
                        new FindOptions().projection(new Document(CONVERSATION_ID.stored(), 1)))
                .map(doc -> doc.getString(CONVERSATION_ID.stored()))
                .collect().asList().invoke(ids -> read.add(ids.size()));
    }

    /**
     * The conversations among {@code among} that {@code filter} selects, without those written after {@code asOf} when
     * given (the later pages of a walk), in no order.
     */
    public Uni<List<ConversationDocument>> findAmong(SearchFilter filter, Instant asOf, Collection<String> among) {
        Document query = ConversationQueries.among(ConversationQueries.filter(filter), among);
        if (asOf != null) {
            ConversationQueries.writtenBy(query, asOf);
        }
        return counted(find(query).list());
    }

    /** The position of {@code last} in {@code order}: where the next page of a walk begun at {@code asOf} starts. */
    public static PagePosition positionOf(ConversationDocument last, SortOrder order, Instant asOf) {
        Object sortValue = switch (order.field()) {
            case CREATED_AT -> last.createdAt;
            case TITLE -> last.title;
            default -> last.lastUpdatedAt;
        };
        return new PagePosition(sortValue, last.conversationId, asOf);
    }

    /** The user's conversation with that id, or null. */
    public Uni<ConversationDocument> findOne(String userId, String conversationId) {
        return find(key(userId, conversationId)).firstResult();
    }

    /**
     * Whether a user other than {@code userId} holds a conversation with that id. No index leads with the id (ids are
     * unique per user, and the collection may be sharded on {@code user_id}), so this reads the unique index or the
     * collection: the live feed asks it once per conversation, when it first sees one.
     */
    public Uni<Boolean> heldByAnother(String userId, String conversationId) {
        Document query = new Document(CONVERSATION_ID.stored(), conversationId)
                .append(USER_ID.stored(), new Document("$ne", userId));
        return mongoCollection().withDocumentClass(Document.class)
                .find(query, new FindOptions().projection(new Document(USER_ID.stored(), 1)).limit(1))
                .collect().first().map(Objects::nonNull);
    }

    /**
     * Applies to the user's conversation what an OpenHands agent-server said of it: sets {@code set} and moves
     * {@code last_updated_at} up to {@code activityAt} (never back; null leaves it). For an info ({@code infoUpdatedAt}
     * not null) only when no later info was applied, and it is then the last applied. The conversation after, or null
     * when the user has none with that id or a later info was applied.
     */
    public Uni<ConversationDocument> applyFeed(String userId, String conversationId, ConversationChange set,
            Instant activityAt, Instant infoUpdatedAt) {
        if (set.fields().isEmpty() && activityAt == null && infoUpdatedAt == null) {
            return findOne(userId, conversationId);
        }
        Document query = key(userId, conversationId);
        return revisions.stamped(stamp -> {
            Document fields = revised(set, stamp);
            if (infoUpdatedAt != null) {
                Date at = Date.from(infoUpdatedAt);
                // mongo-java-server reads a $not beside another operator of the same field as it should; kept alone
                query.append(ConversationDocument.INFO_UPDATED_AT, new Document("$not", new Document("$gt", at)));
                fields.append(ConversationDocument.INFO_UPDATED_AT, at);
            }
            Document update = new Document("$set", fields);
            if (activityAt != null) {
                update.append("$max", new Document(LAST_UPDATED_AT.stored(), Date.from(activityAt)));
            }
            return mongoCollection().findOneAndUpdate(query, update,
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        });
    }

    /** Stores a new conversation with {@code values}; fails with a duplicate key when the user already has its id. */
    public Uni<ConversationDocument> insert(String userId, ConversationChange values) {
        return revisions.stamped(stamp -> {
            Document stored = new Document(USER_ID.stored(), userId)
                    .append(ConversationDocument.REVISED_AT, StoredConversations.stored(stamp));
            stored.putAll(StoredConversations.fields(values));
            return mongoCollection().withDocumentClass(Document.class).insertOne(stored)
                    .map(inserted -> StoredConversations.entity(stored));
        });
    }

    /** Sets the fields of {@code change} on the user's conversation; the changed conversation, or null if none. */
    public Uni<ConversationDocument> update(String userId, String conversationId, ConversationChange change) {
        return revisions.stamped(stamp -> mongoCollection().findOneAndUpdate(key(userId, conversationId),
                new Document("$set", revised(change, stamp)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Deletes the user's conversation; whether there was one. */
    public Uni<Boolean> delete(String userId, String conversationId) {
        return mongoCollection().deleteOne(key(userId, conversationId)).map(result -> result.getDeletedCount() > 0);
    }

    /**
     * Upserts each conversation by the user and its id, in one round trip: the fields given are set, the defaults only
     * when the conversation is new. Never matches another user's conversation.
     */
    public Uni<UpsertCounts> upsertAll(String userId, List<Upsert> upserts) {
        return revisions.stamped(stamp -> {
            List<UpdateOneModel<ConversationDocument>> writes = upserts.stream()
                    .map(upsert -> write(userId, upsert, stamp)).toList();
            return mongoCollection().bulkWrite(writes, new BulkWriteOptions().ordered(true))
                    .map(result -> new UpsertCounts(result.getUpserts().size(), result.getMatchedCount(),
                            result.getUpserts().stream().map(BulkWriteUpsert::getIndex)
                                    .collect(Collectors.toUnmodifiableSet())));
        });
    }

    /** One conversation to upsert: the fields its source gave (its id among them), and the defaults of a new one. */
    public record Upsert(ConversationChange given, ConversationChange defaults) {
    }

    /**
     * What an upsert of many did: how many conversations it created and how many it updated, and which of the upserts
     * (by index) created theirs.
     */
    public record UpsertCounts(long created, long updated, Set<Integer> creating) {
    }

    /** The user's conversations among {@code conversationIds}, in no particular order. */
    public Uni<List<ConversationDocument>> findAll(String userId, Collection<String> conversationIds) {
        return counted(find(new Document(USER_ID.stored(), userId).append(CONVERSATION_ID.stored(),
                new Document("$in", List.copyOf(conversationIds)))).list());
    }

    /** How many conversations searches with {@code q}, counts and batch gets have read as documents from MongoDB. */
    public long conversationsRead() {
        return read.sum();
    }

    private <T> Uni<List<T>> counted(Uni<List<T>> documents) {
        return documents.invoke(found -> read.add(found.size()));
    }

    /** Deletes the user's conversations among {@code conversationIds}; how many there were. */
    public Uni<Long> deleteAll(String userId, Collection<String> conversationIds) {
        return mongoCollection().deleteMany(new Document(USER_ID.stored(), userId).append(CONVERSATION_ID.stored(),
                new Document("$in", List.copyOf(conversationIds)))).map(DeleteResult::getDeletedCount);
    }

    /** For each of {@code parentIds}, the ids of the user's conversations whose parent it is, sorted. */
    public Uni<Map<String, List<String>>> subConversations(String userId, Collection<String> parentIds) {
        if (parentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Document children = new Document(USER_ID.stored(), userId).append(ConversationDocument.HAS_PARENT, true)
                .append(PARENT_CONVERSATION_ID.stored(), new Document("$in", List.copyOf(parentIds)));
        return mongoCollection().withDocumentClass(Document.class)
                .find(children, new FindOptions()
                        .projection(new Document(PARENT_CONVERSATION_ID.stored(), 1).append(CONVERSATION_ID.stored(), 1))
                        .sort(new Document(PARENT_CONVERSATION_ID.stored(), 1).append(CONVERSATION_ID.stored(), 1)))
                .collect().asMultiMap(child -> child.getString(PARENT_CONVERSATION_ID.stored()),
                        child -> child.getString(CONVERSATION_ID.stored()))
                .map(byParent -> {
                    Map<String, List<String>> sorted = new HashMap<>();
                    byParent.forEach((parent, ids) -> sorted.put(parent, ids.stream().sorted(Tags::byCodePoint).toList()));
                    return sorted;
                });
    }

    /**
     * Marks the user's conversations among {@code conversationIds} as having sub-conversations (those that exist). Not
     * a change a walk through the pages must avoid: it stamps no {@code revised_at}.
     */
    public Uni<Void> markParents(String userId, Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return mongoCollection().updateMany(new Document(USER_ID.stored(), userId).append(CONVERSATION_ID.stored(),
                new Document("$in", List.copyOf(conversationIds))),
                new Document("$set", new Document(ConversationDocument.HAS_SUB_CONVERSATIONS, true))).replaceWithVoid();
    }

    /** Every conversation id the user's sub-conversations name as their parent (existing or not). */
    public Uni<Set<String>> parentsNamed(String userId) {
        return mongoCollection().withDocumentClass(Document.class)
                .find(new Document(USER_ID.stored(), userId).append(ConversationDocument.HAS_PARENT, true),
                        new FindOptions().projection(new Document(PARENT_CONVERSATION_ID.stored(), 1)))
                .map(child -> child.getString(PARENT_CONVERSATION_ID.stored()))
                .collect().asSet();
    }

    /**
     * Sets the tags and, when not null, {@code archived} of the user's conversation, provided its tags are still
     * {@code expectedTags} (as stored: null when it has none): the changed conversation, or null when it is gone or its
     * tags changed meanwhile. {@code last_updated_at} is left alone: organising is not activity.
     */
    public Uni<ConversationDocument> organise(String userId, String conversationId, List<String> expectedTags,
            List<String> tags, Boolean archived) {
        ConversationChange tagged = ConversationChange.none().with(TAGS, tags);
        ConversationChange change = archived == null ? tagged : tagged.with(ARCHIVED, archived);
        return revisions.stamped(stamp -> mongoCollection().findOneAndUpdate(
                key(userId, conversationId).append(TAGS.stored(), expectedTags),
                new Document("$set", revised(change, stamp)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /**
     * Creates every index the searches need (idempotent), then drops the search indexes of earlier designs: each index
     * costs every write.
     */
    public Uni<List<String>> createIndexes() {
        List<IndexModel> wanted = ConversationIndexes.all();
        Set<String> names = wanted.stream().map(index -> index.getOptions().getName()).collect(Collectors.toSet());
        return mongoCollection().createIndexes(wanted)
                .chain(created -> mongoCollection().listIndexes().map(index -> index.getString("name"))
                        .filter(name -> ConversationIndexes.isSearchIndex(name) && !names.contains(name))
                        .onItem().transformToUniAndConcatenate(name -> mongoCollection().dropIndex(name)
                                .invoke(() -> LOG.infof("Dropped the index %s of an earlier design", name)))
                        .collect().last().replaceWith(created));
    }

    private static UpdateOneModel<ConversationDocument> write(String userId, Upsert upsert, Instant stamp) {
        // the key comes from the filter when a conversation is inserted; it is in neither $set nor $setOnInsert
        String conversationId = (String) upsert.given().get(CONVERSATION_ID);
        ConversationChange given = upsert.given().without(Set.of(CONVERSATION_ID));
        Document update = new Document("$set", revised(given, stamp));
        Document defaults = StoredConversations.fields(upsert.defaults().without(upsert.given().fields()));
        if (!defaults.isEmpty()) {
            update.append("$setOnInsert", defaults);
        }
        return new UpdateOneModel<>(key(userId, conversationId), update, new UpdateOptions().upsert(true));
    }

    /** The stored fields of {@code change}, stamped with the time of this write (from {@link Revisions}). */
    private static Document revised(ConversationChange change, Instant stamp) {
        return StoredConversations.fields(change)
                .append(ConversationDocument.REVISED_AT, StoredConversations.stored(stamp));
    }

    private static Document key(String userId, String conversationId) {
        return new Document(USER_ID.stored(), userId).append(CONVERSATION_ID.stored(), conversationId);
    }
}
