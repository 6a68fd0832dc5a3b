package dev.convsearch.repository;

import static dev.convsearch.domain.ConversationField.ARCHIVED;
import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.CREATED_AT;
import static dev.convsearch.domain.ConversationField.LAST_UPDATED_AT;
import static dev.convsearch.domain.ConversationField.PARENT_CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.SELECTED_REPOSITORY;
import static dev.convsearch.domain.ConversationField.TAGS;
import static dev.convsearch.domain.ConversationField.TITLE;
import static dev.convsearch.domain.ConversationField.TRIGGER;
import static dev.convsearch.domain.ConversationField.USER_ID;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;

import dev.convsearch.domain.ConversationField;

/**
 * The indexes of {@code conversations}; each one costs every write, so there are at most 12.
 * <ul>
 * <li>Uniqueness: {@code user_id} + {@code conversation_id}, so ids are per user and the rule holds when the collection
 * is sharded on {@code user_id}.</li>
 * <li>Sub-conversations: {@code user_id} + {@code parent_conversation_id}, over the conversations that have a parent
 * only (a partial index), for {@code sub_conversation_ids}.</li>
 * <li>Search: {@code user_id}, {@code archived}, {@code has_parent} (every search binds both to one or a few values,
 * which MongoDB merges in order), then at most one optional equality (repository, tag, or trigger with the default
 * order), then the sort field (last updated, created or title) and {@code conversation_id} (descending; read backwards
 * for ascending orders). So every
 * search of {@link ConversationQueries} is one index scan bounded by {@code user_id}, in sort order, never an in-memory
 * sort; its other filters are checked on the scanned entries.</li>
 * </ul>
 */
final class ConversationIndexes {

    /** The optional equality of each search index (null: none), with the sort fields it is built for. */
    private record Shape(ConversationField equality, List<ConversationField> sortFields) {
    }

    private static final List<ConversationField> SORT_FIELDS = List.of(LAST_UPDATED_AT, CREATED_AT, TITLE);

    static final List<Shape> SEARCH_SHAPES = List.of(
            new Shape(null, SORT_FIELDS),
            new Shape(SELECTED_REPOSITORY, SORT_FIELDS),
            new Shape(TAGS, SORT_FIELDS),
            new Shape(TRIGGER, List.of(LAST_UPDATED_AT)));

    private ConversationIndexes() {
    }

    /** Every index the collection needs. */
    static List<IndexModel> all() {
        List<IndexModel> indexes = new ArrayList<>();
        indexes.add(new IndexModel(new Document(USER_ID.stored(), 1).append(CONVERSATION_ID.stored(), 1),
                new IndexOptions().name("user_conversation_unique").unique(true)));
        indexes.add(new IndexModel(new Document(USER_ID.stored(), 1).append(PARENT_CONVERSATION_ID.stored(), 1)
                .append(CONVERSATION_ID.stored(), 1),
                new IndexOptions().name("user_parent")
                        .partialFilterExpression(new Document(ConversationDocument.HAS_PARENT, true))));
        for (Shape shape : SEARCH_SHAPES) {
            for (ConversationField sortField : shape.sortFields()) {
                Document keys = new Document(USER_ID.stored(), 1).append(ARCHIVED.stored(), 1)
                        .append(ConversationDocument.HAS_PARENT, 1);
                if (shape.equality() != null) {
                    keys.append(shape.equality().stored(), 1);
                }
                keys.append(sortField.stored(), -1).append(CONVERSATION_ID.stored(), -1);
                indexes.add(new IndexModel(keys, new IndexOptions().name(name(shape.equality(), sortField))));
            }
        }
        return indexes;
    }

    /** Whether {@code name} is a search index this class made, of this or an earlier design. */
    static boolean isSearchIndex(String name) {
        return name.startsWith("search_");
    }

    private static String name(ConversationField equality, ConversationField sortField) {
        // v2: archived and has_parent lead; the v1 indexes (without them) are dropped once these exist
        return "search_v2_user" + (equality == null ? "" : "_" + equality.stored()) + "_" + sortField.stored();
    }
}
