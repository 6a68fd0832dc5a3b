package dev.convsearch.repository;

import static dev.convsearch.domain.ConversationField.ARCHIVED;
import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.CREATED_AT;
import static dev.convsearch.domain.ConversationField.LAST_UPDATED_AT;
import static dev.convsearch.domain.ConversationField.SELECTED_REPOSITORY;
import static dev.convsearch.domain.ConversationField.STATUS;
import static dev.convsearch.domain.ConversationField.TAGS;
import static dev.convsearch.domain.ConversationField.TITLE;
import static dev.convsearch.domain.ConversationField.TRIGGER;
import static dev.convsearch.domain.ConversationField.USER_ID;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import dev.convsearch.domain.ConversationField;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;

/**
 * Builds the MongoDB filters and sorts of every search. The shape is fixed so that an index of
 * {@link ConversationIndexes} serves each in sort order: {@code user_id}, then {@code archived} and {@code has_parent},
 * always bound to one or a few values ({@code $in}, which MongoDB merges in order; {@code null} stands for documents
 * stored before the field existed), then optionally the repository, a tag or the trigger, then the sort field with its
 * range, then {@code conversation_id}. Whatever else the search asks (the other filters, the keyset's ties) is checked
 * on the scanned entries. Client strings are only ever values, never keys or operators, so {@code {"$ne": null}} or
 * {@code .*} match literally.
 */
final class ConversationQueries {

    private ConversationQueries() {
    }

    /** The filter of a count, and of the first page of a search. */
    static Document filter(SearchFilter filter) {
        Document query = new Document(USER_ID.stored(), filter.userId())
                .append(ARCHIVED.stored(), filter.archived() ? true : oneOf(false, null))
                .append(ConversationDocument.HAS_PARENT,
                        filter.includeSubConversations() ? oneOf(false, null, true) : oneOf(false, null));
        if (filter.selectedRepository() != null) {
            query.append(SELECTED_REPOSITORY.stored(), filter.selectedRepository());
        }
        if (filter.trigger() != null) {
            query.append(TRIGGER.stored(), filter.trigger().wire());
        }
        if (filter.status() != null) {
            query.append(STATUS.stored(), filter.status().wire());
        }
        if (!filter.tags().isEmpty()) {
            query.append(TAGS.stored(), new Document("$all", filter.tags()));
        }
        appendRange(query, CREATED_AT, filter.createdAtGte(), filter.createdAtLt());
        appendRange(query, LAST_UPDATED_AT, filter.updatedAtGte(), filter.updatedAtLt());
        if (filter.titleContains() != null) {
            query.append(TITLE.stored(),
                    new Document("$regex", literalPattern(filter.titleContains())).append("$options", "i"));
        }
        return query;
    }

    /**
     * The filter of the page after {@code after}: in sort direction, a sort value beyond the last one, or the same
     * value and an id beyond the last one. Written as an inclusive bound on the sort field (an index range) plus an
     * {@code $or} that drops the ties already seen, so the database scans one index range. Conversations written since
     * the walk began are left out ({@code revised_at} after {@code asOf}, a residual predicate): a write can move a
     * conversation past the cursor, and it must not be seen twice.
     * <p>
     * The keyset is a clause of its own ({@code $and}), never merged into the operators the filter already put on the
     * sort field: MongoDB applies every operator of {@code {"title": {"$regex": ..., "$gte": last}}}, but
     * mongo-java-server (the embedded database, and the tests' server) reads a document holding {@code $regex} as that
     * regular expression alone and drops the bound, so the page after a cursor would start the range again. MongoDB
     * flattens {@code $and} into the query before planning, so it still intersects the bound with the filter's
     * conditions on that field into one index range (IndexCoverageTest models this).
     */
    static Document pageFilter(SearchFilter filter, SortOrder order, PagePosition after) {
        Document query = filter(filter);
        if (after == null) {
            return query;
        }
        String sortField = order.field().stored();
        Object last = StoredConversations.stored(after.sortValue());
        String inclusive = order.descending() ? "$lte" : "$gte";
        String exclusive = order.descending() ? "$lt" : "$gt";
        query.append("$and", List.of(
                new Document(sortField, new Document(inclusive, last)),
                new Document("$or", List.of(
                        new Document(sortField, new Document(exclusive, last)),
                        new Document(CONVERSATION_ID.stored(), new Document(exclusive, after.conversationId()))))));
        return writtenBy(query, after.asOf());
    }

    /**
     * {@code query} narrowed to the conversations {@code among} (the text index's matches of a search with {@code q}):
     * a residual predicate on the scanned entries, as every filter the index does not hold.
     */
    static Document among(Document query, Collection<String> conversationIds) {
        return query.append(CONVERSATION_ID.stored(), new Document("$in", List.copyOf(conversationIds)));
    }

    /** {@code query} without the conversations written after {@code asOf}, when the walk began. */
    static Document writtenBy(Document query, Instant asOf) {
        // $not $gt, not $lte: documents written before revised_at existed have none, and stay in
        return query.append(ConversationDocument.REVISED_AT, new Document("$not", new Document("$gt", Date.from(asOf))));
    }

    /** The total order of a search: the sort field, then {@code conversation_id}, both in the same direction. */
    static Document sort(SortOrder order) {
        int direction = order.descending() ? -1 : 1;
        return new Document(order.field().stored(), direction).append(CONVERSATION_ID.stored(), direction);
    }

    /**
     * A regular expression that matches {@code text} literally: every ASCII character other than a letter or digit is
     * escaped, which both PCRE (MongoDB) and java.util.regex read as that character itself.
     */
    static String literalPattern(String text) {
        StringBuilder pattern = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(c -> {
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                pattern.append('\\');
            }
            pattern.appendCodePoint(c);
        });
        return pattern.toString();
    }

    private static Document oneOf(Object... values) {
        return new Document("$in", Arrays.asList(values));
    }

    private static void appendRange(Document query, ConversationField field, Instant gte, Instant lt) {
        if (gte == null && lt == null) {
            return;
        }
        Document range = new Document();
        if (gte != null) {
            range.append("$gte", Date.from(gte));
        }
        if (lt != null) {
            range.append("$lt", Date.from(lt));
        }
        query.append(field.stored(), range);
    }
}
