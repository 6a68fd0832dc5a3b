package dev.convsearch.repository;

import static dev.convsearch.repository.ConversationDocument.CONVERSATION_ID;
import static dev.convsearch.repository.ConversationDocument.CREATED_AT;
import static dev.convsearch.repository.ConversationDocument.LAST_UPDATED_AT;
import static dev.convsearch.repository.ConversationDocument.REVISED_AT;
import static dev.convsearch.repository.ConversationDocument.SELECTED_REPOSITORY;
import static dev.convsearch.repository.ConversationDocument.TITLE;
import static dev.convsearch.repository.ConversationDocument.TRIGGER;
import static dev.convsearch.repository.ConversationDocument.USER_ID;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import dev.convsearch.api.SortOrder;
import dev.convsearch.service.CursorPosition;
import dev.convsearch.service.SearchFilter;

/**
 * Builds the MongoDB filters and sorts of every search. The shape is fixed so that one index of
 * {@link ConversationIndexes} serves each: equality on {@code user_id} and the optional repository and trigger, then
 * the sort field with its range (date bounds and the keyset), then {@code conversation_id}; the title match and the
 * other date range are residual predicates on that index scan. Client strings are only ever values, never keys or
 * operators, so {@code {"$ne": null}} or {@code .*} match literally.
 */
public final class ConversationQueries {

    private ConversationQueries() {
    }

    /** The filter of a count, and of the first page of a search. */
    public static Document filter(SearchFilter filter) {
        Document query = new Document(USER_ID, filter.userId());
        if (filter.selectedRepository() != null) {
            query.append(SELECTED_REPOSITORY, filter.selectedRepository());
        }
        if (filter.trigger() != null) {
            query.append(TRIGGER, filter.trigger().wire());
        }
        appendRange(query, CREATED_AT, filter.createdAtGte(), filter.createdAtLt());
        appendRange(query, LAST_UPDATED_AT, filter.updatedAtGte(), filter.updatedAtLt());
        if (filter.titleContains() != null) {
            query.append(TITLE, new Document("$regex", literalPattern(filter.titleContains())).append("$options", "i"));
        }
        return query;
    }

    /**
     * The filter of the page after {@code after}: in sort direction, a sort value beyond the last one, or the same
     * value and an id beyond the last one. Written as an inclusive bound on the sort field (an index range) plus an
     * {@code $or} that drops the ties already seen, so the database scans one index range. Conversations written since
     * the walk began are left out ({@code revised_at} after {@code asOf}, a residual predicate): a write can move a
     * conversation past the cursor, and it must not be seen twice.
     */
    public static Document pageFilter(SearchFilter filter, SortOrder order, CursorPosition after) {
        Document query = filter(filter);
        if (after == null) {
            return query;
        }
        Date last = Date.from(after.sortValue());
        String inclusive = order.descending() ? "$lte" : "$gte";
        String exclusive = order.descending() ? "$lt" : "$gt";
        Object existing = query.get(order.field());
        Document range = existing instanceof Document d ? d : new Document();
        range.append(inclusive, last);
        query.put(order.field(), range);
        query.append("$or", List.of(
                new Document(order.field(), new Document(exclusive, last)),
                new Document(CONVERSATION_ID, new Document(exclusive, after.conversationId()))));
        // $not $gt, not $lte: documents written before revised_at existed have none, and stay in
        query.append(REVISED_AT, new Document("$not", new Document("$gt", Date.from(after.asOf()))));
        return query;
    }

    /** The total order of a search: the sort field, then {@code conversation_id}, both in the same direction. */
    public static Document sort(SortOrder order) {
        int direction = order.descending() ? -1 : 1;
        return new Document(order.field(), direction).append(CONVERSATION_ID, direction);
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

    private static void appendRange(Document query, String field, Instant gte, Instant lt) {
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
        query.append(field, range);
    }
}
