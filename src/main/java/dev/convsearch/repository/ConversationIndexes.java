package dev.convsearch.repository;

import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.CREATED_AT;
import static dev.convsearch.domain.ConversationField.LAST_UPDATED_AT;
import static dev.convsearch.domain.ConversationField.SELECTED_REPOSITORY;
import static dev.convsearch.domain.ConversationField.TRIGGER;
import static dev.convsearch.domain.ConversationField.USER_ID;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;

import dev.convsearch.domain.ConversationField;

/**
 * The indexes of {@code conversations}. Uniqueness: {@code user_id} + {@code conversation_id}, so ids are per user and
 * the rule holds when the collection is sharded on {@code user_id}. Search: for each combination of equality filters
 * (none, repository, trigger, both) and each sort field, one ESR index: {@code user_id}, the equality fields, the sort
 * field, then {@code conversation_id} (descending, and read backwards for ascending orders). Every search of
 * {@link ConversationQueries} is an index range scan in sort order, with no in-memory sort.
 */
final class ConversationIndexes {

    /** Each combination of equality filters a search can have besides {@code user_id}. */
    static final List<List<ConversationField>> EQUALITY_FIELD_SETS = List.of(
            List.of(),
            List.of(SELECTED_REPOSITORY),
            List.of(TRIGGER),
            List.of(SELECTED_REPOSITORY, TRIGGER));

    static final List<ConversationField> SORT_FIELDS = List.of(LAST_UPDATED_AT, CREATED_AT);

    private ConversationIndexes() {
    }

    /** Every index the collection needs. */
    static List<IndexModel> all() {
        List<IndexModel> indexes = new ArrayList<>();
        indexes.add(new IndexModel(new Document(USER_ID.stored(), 1).append(CONVERSATION_ID.stored(), 1),
                new IndexOptions().name("user_conversation_unique").unique(true)));
        for (List<ConversationField> equalityFields : EQUALITY_FIELD_SETS) {
            for (ConversationField sortField : SORT_FIELDS) {
                Document keys = new Document(USER_ID.stored(), 1);
                equalityFields.forEach(field -> keys.append(field.stored(), 1));
                keys.append(sortField.stored(), -1).append(CONVERSATION_ID.stored(), -1);
                indexes.add(new IndexModel(keys, new IndexOptions().name(name(equalityFields, sortField))));
            }
        }
        return indexes;
    }

    private static String name(List<ConversationField> equalityFields, ConversationField sortField) {
        StringBuilder name = new StringBuilder("search_user");
        equalityFields.forEach(field -> name.append('_').append(field.stored()));
        return name.append('_').append(sortField.stored()).toString();
    }
}
