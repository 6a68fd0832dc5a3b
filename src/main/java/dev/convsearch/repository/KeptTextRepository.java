package dev.convsearch.repository;

import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.TITLE;
import static dev.convsearch.domain.ConversationField.USER_ID;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;

import dev.convsearch.api.Timestamps;
import dev.convsearch.domain.ConversationEvent;
import dev.convsearch.domain.KeptText;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * MongoDB access to what search inside conversations keeps, the source of truth the text index is derived from:
 * {@code conversation_events}, one row per event's text and one per conversation's title (the empty event id), unique
 * on user, conversation and event id, each stamped with when it was written and by which replica; and
 * {@code search_deletions}, a row per deleted conversation, so that every replica's index forgets it (kept 7 days).
 */
@ApplicationScoped
public class KeptTextRepository {

    static final String EVENTS = "conversation_events";
    static final String DELETIONS = "search_deletions";
    static final String STATE = "search_state";
    static final String EVENT_ID = "event_id";
    static final String TIMESTAMP = "timestamp";
    static final String SOURCE = "source";
    static final String KIND = "kind";
    static final String TEXT = "text";
    static final String WRITTEN_AT = "written_at";
    static final String WRITER = "writer";
    static final String DELETED_AT = "deleted_at";
    /** How many texts a read of many asks MongoDB for at once. */
    static final int READ_BATCH = 1000;
    /** A replica down longer than this misses deletions: it must build its index again (see the follower). */
    public static final Duration DELETIONS_KEPT = Duration.ofDays(7);

    private final ReactiveMongoCollection<Document> events;
    private final ReactiveMongoCollection<Document> deletions;
    private final ReactiveMongoCollection<Document> state;
    private final ReactiveMongoCollection<Document> conversations;
    private final Revisions revisions;
    /** This process, as the writer of its rows: the follower skips them (they are in its index already). */
    private final String writer = UUID.randomUUID().toString();

    public KeptTextRepository(ReactiveMongoClient client,
            @ConfigProperty(name = "quarkus.mongodb.database") String database, Revisions revisions) {
        var db = client.getDatabase(database);
        this.events = db.getCollection(EVENTS);
        this.deletions = db.getCollection(DELETIONS);
        this.state = db.getCollection(STATE);
        this.conversations = db.getCollection(ConversationDocument.COLLECTION);
        this.revisions = revisions;
    }

    /** Keeps the events of the user's conversation (replacing those already kept by id); the rows as kept. */
    public Uni<List<KeptText>> keepEvents(String userId, String conversationId, List<ConversationEvent> kept) {
        return revisions.stamped(stamp -> keep(
                kept.stream().map(event -> event.kept(userId, conversationId, stamp)).toList()));
    }

    /** Keeps the titles of the user's conversations {@code titles} (id to title); the rows as kept. */
    public Uni<List<KeptText>> keepTitles(String userId, Map<String, String> titles) {
        if (titles.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return revisions.stamped(stamp -> keep(titles.entrySet().stream()
                .map(title -> KeptText.title(userId, title.getKey(), title.getValue(), stamp)).toList()));
    }

    private Uni<List<KeptText>> keep(List<KeptText> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(texts);
        }
        List<WriteModel<Document>> writes = texts.stream().<WriteModel<Document>> map(text -> new ReplaceOneModel<>(
                key(text.userId(), text.conversationId(), text.eventId()), row(text),
                new ReplaceOptions().upsert(true))).toList();
        return events.bulkWrite(writes, new BulkWriteOptions().ordered(false)).replaceWith(texts);
    }

    /**
     * Forgets every text of the user's conversations {@code conversationIds}, and records their deletion for the
     * other replicas (when there was any text to forget); when they were forgotten, or null when there was none.
     */
    public Uni<Instant> forget(String userId, Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Instant.EPOCH);
        }
        return revisions.stamped(stamp -> forget(userId, conversationIds, stamp, null));
    }

    /**
     * Forgets the texts of the user's conversations {@code conversationIds} written before {@code before} (what an
     * earlier conversation of the same id left), as {@link #forget(String, Collection)} does; texts written since, by the
     * conversation made anew, stay, whenever this runs.
     */
    public Uni<Instant> forgetWrittenBefore(String userId, Collection<String> conversationIds, Instant before) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Instant.EPOCH);
        }
        Instant upTo = before.minusMillis(1);
        return forget(userId, conversationIds, upTo, new Document("$lte", Date.from(upTo)));
    }

    /** Deletes the rows (those {@code writtenAt} selects, when given) and records the deletion as of {@code at}. */
    private Uni<Instant> forget(String userId, Collection<String> conversationIds, Instant at, Document writtenAt) {
        Document rows = new Document(USER_ID.stored(), userId)
                .append(CONVERSATION_ID.stored(), new Document("$in", List.copyOf(conversationIds)));
        if (writtenAt != null) {
            rows.append(WRITTEN_AT, writtenAt);
        }
        return events.deleteMany(rows)
                .chain(result -> result.getDeletedCount() == 0 ? Uni.createFrom().<Instant> nullItem()
                        : deletions.insertMany(conversationIds.stream()
                                .map(id -> new Document(USER_ID.stored(), userId).append(CONVERSATION_ID.stored(), id)
                                        .append(DELETED_AT, Date.from(at)).append(WRITER, writer))
                                .toList()).replaceWith(at));
    }

    /** Every text written at or after {@code since}, by another process unless {@code ownToo}; oldest first. */
    public Multi<KeptText> writtenSince(Instant since, boolean ownToo) {
        Document query = new Document(WRITTEN_AT, new Document("$gte", Date.from(since)));
        if (!ownToo) {
            query.append(WRITER, new Document("$ne", writer));
        }
        return events.find(query, new FindOptions().sort(new Document(WRITTEN_AT, 1))).map(KeptTextRepository::text);
    }

    /**
     * Every text ever kept (to build an index anew), in no particular order, in batches of {@link #READ_BATCH}, so that
     * the embedded database too gives them a batch at a time rather than all at once.
     */
    public Multi<KeptText> all() {
        return events.find(new FindOptions().batchSize(READ_BATCH)).map(KeptTextRepository::text);
    }

    /** A conversation's deletion: whose, which, and when. */
    public record Deletion(String userId, String conversationId, Instant deletedAt) {
    }

    /** Every deletion recorded at or after {@code since}, by another process unless {@code ownToo}. */
    public Multi<Deletion> deletedSince(Instant since, boolean ownToo) {
        Document query = new Document(DELETED_AT, new Document("$gte", Date.from(since)));
        if (!ownToo) {
            query.append(WRITER, new Document("$ne", writer));
        }
        return deletions.find(query)
                .map(row -> new Deletion(row.getString(USER_ID.stored()), row.getString(CONVERSATION_ID.stored()),
                        row.getDate(DELETED_AT).toInstant()));
    }

    /**
     * The identity of this database (made on first use), and whether the titles of the conversations stored before
     * search inside conversations existed have been kept ({@link #keepEarlierTitles}).
     */
    public record SearchState(String databaseId, boolean titlesKept) {
    }

    public Uni<SearchState> state() {
        return state.findOneAndUpdate(new Document("_id", "search"),
                new Document("$setOnInsert", new Document("database_id", UUID.randomUUID().toString())),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .map(row -> new SearchState(row.getString("database_id"),
                        Boolean.TRUE.equals(row.getBoolean("titles_kept"))));
    }

    /**
     * Keeps a title row for every conversation that has none (those stored before search inside conversations
     * existed), then records that it was done; how many it kept.
     */
    public Uni<Long> keepEarlierTitles() {
        Instant stamp = Timestamps.now();
        return conversations.find(new Document(), new FindOptions().projection(new Document(USER_ID.stored(), 1)
                .append(CONVERSATION_ID.stored(), 1).append(TITLE.stored(), 1)))
                .filter(conversation -> conversation.getString(TITLE.stored()) != null)
                .map(conversation -> new UpdateOneModel<Document>(
                        key(conversation.getString(USER_ID.stored()), conversation.getString(CONVERSATION_ID.stored()),
                                ""),
                        new Document("$setOnInsert", row(KeptText.title(conversation.getString(USER_ID.stored()),
                                conversation.getString(CONVERSATION_ID.stored()),
                                conversation.getString(TITLE.stored()), stamp))),
                        new UpdateOptions().upsert(true)))
                .group().intoLists().of(500)
                .onItem().transformToUniAndConcatenate(batch -> events.bulkWrite(batch,
                        new BulkWriteOptions().ordered(false)).map(result -> (long) result.getUpserts().size()))
                .collect().with(Collectors.summingLong(Long::longValue))
                .call(() -> state.updateOne(new Document("_id", "search"),
                        new Document("$set", new Document("titles_kept", true))));
    }

    /** The indexes: one row per user, conversation and event; the follower's order; deletions kept a week. */
    public Uni<List<String>> createIndexes() {
        return events.createIndexes(List.of(
                new IndexModel(new Document(USER_ID.stored(), 1).append(CONVERSATION_ID.stored(), 1)
                        .append(EVENT_ID, 1), new IndexOptions().name("user_conversation_event_unique").unique(true)),
                new IndexModel(new Document(WRITTEN_AT, 1), new IndexOptions().name("written_at"))))
                .chain(created -> deletions.createIndexes(List.of(new IndexModel(new Document(DELETED_AT, 1),
                        new IndexOptions().name("deleted_at_ttl")
                                .expireAfter(DELETIONS_KEPT.toSeconds(), TimeUnit.SECONDS))))
                        .map(more -> Stream.concat(created.stream(), more.stream()).toList()));
    }

    private Document row(KeptText text) {
        Document row = new Document(USER_ID.stored(), text.userId())
                .append(CONVERSATION_ID.stored(), text.conversationId())
                .append(EVENT_ID, text.eventId())
                .append(KIND, text.kind())
                .append(TEXT, text.text())
                .append(WRITTEN_AT, Date.from(text.writtenAt()))
                .append(WRITER, writer);
        if (text.timestamp() != null) {
            row.append(TIMESTAMP, Date.from(text.timestamp()));
        }
        if (text.source() != null) {
            row.append(SOURCE, text.source());
        }
        return row;
    }

    private static KeptText text(Document row) {
        Date timestamp = row.getDate(TIMESTAMP);
        return new KeptText(row.getString(USER_ID.stored()), row.getString(CONVERSATION_ID.stored()),
                row.getString(EVENT_ID), timestamp == null ? null : timestamp.toInstant(), row.getString(SOURCE),
                row.getString(KIND), row.getString(TEXT), row.getDate(WRITTEN_AT).toInstant());
    }

    private static Document key(String userId, String conversationId, String eventId) {
        return new Document(USER_ID.stored(), userId).append(CONVERSATION_ID.stored(), conversationId)
                .append(EVENT_ID, eventId);
    }
}
