package dev.convsearch.repository;

import static dev.convsearch.repository.ConversationDocument.CONVERSATION_ID;
import static dev.convsearch.repository.ConversationDocument.CREATED_AT;
import static dev.convsearch.repository.ConversationDocument.LAST_UPDATED_AT;
import static dev.convsearch.repository.ConversationDocument.SELECTED_REPOSITORY;
import static dev.convsearch.repository.ConversationDocument.TRIGGER;
import static dev.convsearch.repository.ConversationDocument.USER_ID;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;

/**
 * The indexes of {@code conversations}. Uniqueness: {@code user_id} + {@code conversation_id}, so ids are per user and
 * the rule holds when the collection is sharded on {@code user_id}. Search: for each combination of equality filters
 * (none, repository, trigger, both) and each sort field, one ESR index: {@code user_id}, the equality fields, the sort
 * field, then {@code conversation_id} (descending, and read backwards for ascending orders). Every search of
 * {@link ConversationQueries} is an index range scan in sort order, with no in-memory sort.
 */
public final class ConversationIndexes {

    /** Each combination of equality filters a search can have besides {@code user_id}. */
    static final List<List<String>> EQUALITY_FIELD_SETS = List.of(
            List.of(),
            List.of(SELECTED_REPOSITORY),
            List.of(TRIGGER),
            List.of(SELECTED_REPOSITORY, TRIGGER));

    static final List<String> SORT_FIELDS = List.of(LAST_UPDATED_AT, CREATED_AT);

    private ConversationIndexes() {
    }

    /** Every index the collection needs. */
    public static List<IndexModel> all() {
        List<IndexModel> indexes = new ArrayList<>();
        indexes.add(new IndexModel(new Document(USER_ID, 1).append(CONVERSATION_ID, 1),
                new IndexOptions().name("user_conversation_unique").unique(true)));
        for (List<String> equalityFields : EQUALITY_FIELD_SETS) {
            for (String sortField : SORT_FIELDS) {
                Document keys = new Document(USER_ID, 1);
                equalityFields.forEach(field -> keys.append(field, 1));
                keys.append(sortField, -1).append(CONVERSATION_ID, -1);
                indexes.add(new IndexModel(keys, new IndexOptions().name(name(equalityFields, sortField))));
            }
        }
        return indexes;
    }

    private static String name(List<String> equalityFields, String sortField) {
        StringBuilder name = new StringBuilder("search_user");
        equalityFields.forEach(field -> name.append('_').append(field));
        return name.append('_').append(sortField).toString();
    }
}
